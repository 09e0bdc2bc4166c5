// What a drop folder's batch has to do (drop_folder.h): the paths events named, or the whole
// folder at start, compared with the state file. A file whose size and mtime are those of the
// state is not read; one whose bytes hash as before is only re-stamped.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "inotify_tree.h"
#include "watch_state.h"

namespace tracuu::indexer {

// A file to index, as it was when looked at.
struct DropCandidate {
  std::string rel;  // path relative to the folder, '/' separators
  FileStamp stamp;
  std::string sha256;
  std::string unreadable;  // why its bytes could not be read (it is then remembered as failed)
};

struct DropPlan {
  std::map<std::string, DropCandidate> to_index;  // by relative path
  std::set<std::string> gone;                     // relative paths the state knows, now absent
  std::size_t unchanged = 0;                      // same size and mtime: not read
  std::size_t rehashed = 0;                       // touched, same bytes: re-stamped in the state
  bool empty() const { return to_index.empty() && gone.empty() && rehashed == 0; }
};

class DropPlanner {
 public:
  // `root` is canonical; paths under `db` (an index inside the folder) are never looked at.
  DropPlanner(std::filesystem::path root, std::filesystem::path db,
              std::function<void(const std::string&)> say);

  // Whether `path` (under the root) is ignored: a temporary, hidden, or the index's.
  bool skip(const std::filesystem::path& path) const;
  std::string rel_of(const std::filesystem::path& path) const;

  // Looks at what `changes` names; re-stamps unchanged files in `state` ("skipped (unchanged)").
  DropPlan plan(const FolderChanges& changes, WatchState& state) const;

 private:
  void look_at_file(const std::filesystem::path& path, WatchState& state, DropPlan& plan) const;
  void look_at_folder(const std::filesystem::path& dir, WatchState& state, DropPlan& plan) const;

  std::filesystem::path root_, db_;
  std::function<void(const std::string&)> say_;
};

}  // namespace tracuu::indexer
