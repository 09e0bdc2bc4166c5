// What a drop folder's watcher (drop_folder.h) knows of the folder's files: per file its size,
// mtime, SHA-256 and the ids of the documents it gave, or why it could not be indexed. Kept in a
// small JSON file beside the index, replaced atomically after each committed batch, so a restart
// re-reads only the files that changed while it was down (or whose batch a crash lost).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tracuu::indexer {

struct WatchedFile {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string sha256;
  std::vector<std::string> ids;  // documents in the index from this file (its last good version)
  std::string failed;            // why this version could not be indexed; empty when it was
};

class WatchState {
 public:
  // The state of `dir` (an absolute, canonical path) watched into the index at `db`.
  WatchState(const std::filesystem::path& db, const std::filesystem::path& dir);
  ~WatchState();
  WatchState(const WatchState&) = delete;
  WatchState& operator=(const WatchState&) = delete;

  // Makes this process the folder's one watcher for the state's life: flock(2) on the state
  // file's ".lock" beside it (the kernel drops it when the process dies, kill -9 included). Two
  // watchers of one folder would each write the state file over the other's. Creates `db` when
  // missing. Throws IndexError (kLocked when another watcher holds it).
  void claim();

  // Reads the state file; an absent file is an empty state, a damaged one too (every file is
  // then looked at again: ids are made from the content, so nothing is duplicated).
  void load();
  // Replaces the state file atomically and durably (durable_file.h). Throws IndexError.
  void save() const;

  // Keys are paths relative to the folder, with '/' separators.
  std::map<std::string, WatchedFile>& files() { return files_; }
  const std::map<std::string, WatchedFile>& files() const { return files_; }
  // The ids some file still holds (two files of the same text give one document).
  std::set<std::string> held_ids() const;
  const std::filesystem::path& path() const { return file_; }

  // "tracuu-watch-<16 hex digits of the folder's SHA-256>.json": one state per folder.
  static std::filesystem::path file_for(const std::filesystem::path& db,
                                        const std::filesystem::path& dir);

 private:
  std::filesystem::path file_;
  std::string dir_;
  int lock_fd_ = -1;
  std::map<std::string, WatchedFile> files_;
};

// A file's size and modification time in nanoseconds, or nothing when it is not a regular file
// (a symlink is not followed: it could lead out of the folder).
struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
};
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

}  // namespace tracuu::indexer
