// A fixed number of index handles shared by the connection threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tracuu/indexer/searcher.h"

namespace tracuu::server {

// Poco serves each keep-alive connection on one thread for the connection's whole life, so
// the server needs many more threads than it should run searches at once. The Xapian handles
// (one per concurrent search, as a handle is not thread-safe) live here instead of per thread:
// their number bounds memory and CPU, whatever the number of open connections.
class SearcherPool {
 public:
  SearcherPool(std::string db_path, std::size_t size);  // throws like indexer::Searcher
  const std::string& db_path() const { return db_path_; }
  ~SearcherPool();
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  struct Slot;
  // Exclusive use of one handle until destroyed.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Slot> slot);
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    indexer::Searcher& operator*() const;
    indexer::Searcher* operator->() const { return &**this; }

   private:
    friend class SearcherPool;
    SearcherPool* pool_;
    std::unique_ptr<Slot> slot_;
  };

  // Waits while every handle is in use. The handle has picked up commits made by another
  // process at most a second ago, and is at the newest state of the index any handle has seen.
  Lease acquire();

  // The generation of the newest index state known: a number that grows whenever the index
  // changes (a commit, a rebuild, a compaction), checked on disk at most once a second and
  // moved on at once whenever a handle reopens onto a new state. A rebuilt index starts its
  // revisions again from 1 under new UUIDs, so states are told apart by both, never by the
  // revision alone.
  std::uint64_t generation();
  // The generation `s` is at, when it is the newest state known; none when the index has moved
  // on since (what it made is already stale).
  std::optional<std::uint64_t> generation_of(const indexer::Searcher& s);

  // Called after this process committed to the index (the write API): the state on disk is
  // read now rather than within the second, so every request from here on (and the reply
  // cache) sees the commit.
  void note_change();

  // Reopens the handle a request holds after the index changed under it mid-read.
  void refresh(Lease& lease);

 private:
  void release(std::unique_ptr<Slot> slot);
  // Records the state a handle has just reopened onto as the newest; returns its generation.
  std::uint64_t seen(const indexer::Searcher& s);

  const std::string db_path_;
  const std::size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Slot>> idle_;  // most recently used last
  std::size_t created_ = 0;
  std::mutex state_mutex_;
  std::string state_;                         // "uuids@revision" of the newest state seen
  std::atomic<std::uint64_t> generation_{0};  // bumped whenever state_ changes
  std::mutex probe_mutex_;
  std::unique_ptr<indexer::Searcher> probe_;  // only ever reopened, for revision()
  std::atomic<std::chrono::steady_clock::rep> probe_checked_{0};
};

}  // namespace tracuu::server
