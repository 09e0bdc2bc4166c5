// The index-wide write lock: one writer per index directory, taken before anything there is
// read or changed (a `--rebuild` used to delete the shards of a running writer before any lock
// stopped it). Xapian's own per-shard locks still apply; this one also covers the stub file and
// the shard directories a rebuild or compaction creates and removes.
#pragma once

#include <string>

namespace tracuu::indexer {

// Holds flock(2) on DIR/tracuu-write.lock for its lifetime. The kernel drops the lock when the
// process dies, kill -9 included, so a crash never leaves the index locked.
class WriteLock {
 public:
  // Creates `dir` when missing. Throws IndexError: kLocked when another writer holds the lock,
  // kPermission on a read-only filesystem or without write permission, kDiskFull, kOther.
  explicit WriteLock(const std::string& dir);
  ~WriteLock();
  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

  static constexpr const char* kFileName = "tracuu-write.lock";

 private:
  int fd_ = -1;
};

}  // namespace tracuu::indexer
