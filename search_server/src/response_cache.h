// A bounded LRU cache of whole HTTP replies, valid for one index revision.
#pragma once

#include <cstddef>
#include <cstdint>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "reply.h"

namespace tracuu::server {

struct CachedReply {
  Reply reply;
  std::string route;  // the metrics label of the route that made it
};

// Every reply the server caches is a pure function of (request, index revision), so entries of
// one revision never go stale while it lasts. The cache holds one revision at a time: the first
// lookup or insert made with a newer revision drops everything (that is the invalidation), and
// one made with an older revision (read just before another thread moved on) bypasses it.
// Thread-safe.
class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_bytes);

  struct Lookup {
    std::shared_ptr<const CachedReply> value;  // null on a miss
    bool stale = false;  // `revision` is older than one another worker has already seen
  };
  Lookup find(const std::string& key, std::uint64_t revision);
  void insert(const std::string& key, std::uint64_t revision,
              std::shared_ptr<const CachedReply> value);

  struct Stats {
    std::size_t entries = 0, bytes = 0, max_bytes = 0;
    std::uint64_t hits = 0, misses = 0, evictions = 0, invalidations = 0;
  };
  Stats stats() const;

  // The key of a GET: the decoded path and parameters, each length-prefixed so that no two
  // different requests share one (values may hold any byte), and differently-escaped spellings
  // of one request share it.
  static std::string key(const std::string& path,
                         const std::vector<std::pair<std::string, std::string>>& params);

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedReply> value;
    std::size_t bytes;
  };
  // Returns false when `revision` is older than the cache's (the caller must bypass it).
  bool adopt(std::uint64_t revision);
  void clear();

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::uint64_t revision_ = 0;
  bool has_revision_ = false;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views into lru_
  std::size_t bytes_ = 0;
  Stats counters_;
};

// Identical requests arriving together (a popular query just after a new revision emptied the
// cache, or a page's parallel fetches) are computed once: the first caller for a key leads and
// computes, the others wait for its reply instead of queueing the same search on every worker.
class Flights {
 public:
  using Result = std::shared_ptr<const CachedReply>;

  class Ticket {
   public:
    Ticket(Ticket&&) = delete;
    ~Ticket();  // a leader that has not landed lets its followers go with nothing
    bool leads() const { return leads_; }
    // Followers: the leader's reply, or null when it had none to share (an error): redo it.
    Result wait() const { return leader_.get(); }
    // Leader: hands `r` to every follower.
    void land(Result r);

   private:
    friend class Flights;
    Ticket() = default;
    bool leads_ = false;
    Flights* flights_ = nullptr;  // the leader's until it lands
    std::string key_;
    std::promise<Result> promise_;
    std::shared_future<Result> leader_;  // set for followers
  };

  std::unique_ptr<Ticket> join(std::string key);

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_future<Result>> flying_;
};

}  // namespace tracuu::server
