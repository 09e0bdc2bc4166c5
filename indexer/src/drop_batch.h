// Writing a drop folder's batch (drop_folder.h): the files of a DropPlan indexed through
// IndexWriter a chunk at a time, each chunk under the write lock and committed; then the
// documents of files gone, when asked; then the state file saved.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "drop_plan.h"
#include "tracuu/indexer/index_writer.h"
#include "watch_state.h"

namespace tracuu::indexer {

// A chunk ends at this many files or this many bytes of files, whichever comes first: what one
// commit (and one hold of the write lock) covers, and what a kill -9 can make the next start redo.
inline constexpr std::size_t kChunkFiles = 100;
inline constexpr std::uintmax_t kChunkBytes = 32u << 20;
// During a long batch the state file is saved at least this often (and always at its end).
inline constexpr std::chrono::seconds kSaveEvery{5};

class DropBatch {
 public:
  // `options`: how documents are indexed; `delete_missing`: --delete-missing; `say`: the log.
  DropBatch(std::filesystem::path root, std::string db, const IndexOptions& options,
            bool delete_missing, std::function<void(const std::string&)> say, WatchState& state);

  // Returns false when `stop_fd` became readable while waiting for the write lock: the chunk
  // waiting was not written, and the state file still says so.
  bool apply(DropPlan plan, int stop_fd);

 private:
  struct Tally {
    std::size_t added = 0, replaced = 0, moved = 0, deleted = 0, failed = 0;
  };
  std::unique_ptr<IndexWriter> open_writer(int stop_fd);
  bool move_renamed(DropPlan& plan, int stop_fd);
  bool retarget(const std::string& from, const std::string& to, IndexWriter& writer);
  void index_chunk(const std::vector<const DropCandidate*>& chunk, IndexWriter& writer);
  void record(const DropCandidate& file, const std::vector<IndexWriter::Written>& written,
              const std::string& failure, std::set<std::string>& stale);
  void remove_stale(const std::set<std::string>& stale, IndexWriter& writer);
  bool forget(const DropPlan& plan, int stop_fd);
  void say(const std::string& line) const;

  std::filesystem::path root_;
  std::string db_;
  const IndexOptions& options_;
  bool delete_missing_;
  std::function<void(const std::string&)> say_;
  WatchState& state_;
  Tally tally_;
  std::mutex errors_mutex_;  // the pipeline reports extraction errors from its threads
  std::map<std::string, std::string> extraction_errors_;  // file -> its first error
};

}  // namespace tracuu::indexer
