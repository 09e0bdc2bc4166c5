// The drop folder: `tracuu index --watch DIR`. Files that land in DIR (or any folder under it)
// are indexed as they are completed, changed files are indexed again, and, when asked, the
// documents of deleted files are removed. See docs/indexer.md, "The drop folder".
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "tracuu/indexer/index_options.h"

namespace tracuu::indexer {

struct DropFolderOptions {
  IndexOptions index;           // how documents are indexed (originals, threads, shards, batch)
  bool delete_missing = false;  // a deleted file's documents leave the index (--delete-missing)
  // Events are gathered until none came for this long (at most 20 times this since the first),
  // so a burst of files is a few commits, not one per file.
  std::chrono::milliseconds settle{500};
  // One line per action: "added a.pdf -> h12ab...", "replaced", "deleted", "skipped
  // (unchanged)", "failed a.pdf: reason", and a line per batch; paths relative to the folder.
  std::function<void(const std::string& line)> log;
};

// Watches the folder from construction (inotify, recursive), so nothing written while run()
// scans it at start is missed. Each batch takes the index's write lock (waiting while another
// writer holds it: `serve --writes` and `tracuu index` runs interleave), writes through
// IndexWriter (extraction, OCR, originals, shards, atomic commits) and then saves the state
// file beside the index (DB/tracuu-watch-*.json): a kill -9 loses at most the batch in progress,
// which the next start indexes again. One watcher per folder.
class DropFolder {
 public:
  // Throws IndexError when the folder cannot be watched (missing, not a folder, no inotify).
  DropFolder(const std::string& dir, const std::string& db_path, DropFolderOptions options);
  ~DropFolder();
  DropFolder(const DropFolder&) = delete;
  DropFolder& operator=(const DropFolder&) = delete;

  // Brings the index up to date with the folder (files new, changed or gone since the state
  // file was written), then follows it until `stop_fd` is readable (a signalfd for SIGINT and
  // SIGTERM, a pipe in tests). A batch being written is finished first; files only seen, not yet
  // written, are found again by the next start. Throws IndexError for faults of the index (a
  // full disk...): the state then holds only what was committed.
  void run(int stop_fd);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracuu::indexer
