// The handle pool: created lazily up to its size, most recently used first (its caches are warm).
#include "searcher_pool.h"

namespace tracuu::server {
namespace {

using Clock = std::chrono::steady_clock;
// How stale a handle may be: reopening costs a read of the revision file, too much for every
// request, and a second is well under what a user notices after running `tracuu index`.
constexpr Clock::duration kRecheck = std::chrono::seconds(1);

std::string state_of(const indexer::Searcher& s) {
  return s.uuid() + '@' + std::to_string(s.revision());
}

}  // namespace

struct SearcherPool::Slot {
  std::unique_ptr<indexer::Searcher> searcher;
  Clock::time_point checked;
};

SearcherPool::Lease::Lease(SearcherPool& pool, std::unique_ptr<Slot> slot)
    : pool_(&pool), slot_(std::move(slot)) {}

SearcherPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), slot_(std::move(other.slot_)) {}

SearcherPool::Lease::~Lease() {
  if (slot_) pool_->release(std::move(slot_));
}

indexer::Searcher& SearcherPool::Lease::operator*() const { return *slot_->searcher; }

SearcherPool::SearcherPool(std::string db_path, std::size_t size)
    : db_path_(std::move(db_path)), size_(size == 0 ? 1 : size) {
  probe_ = std::make_unique<indexer::Searcher>(db_path_);
  seen(*probe_);
  probe_checked_ = Clock::now().time_since_epoch().count();
}

SearcherPool::~SearcherPool() = default;

// Two handles reopening at once may report their states out of order; the older one then
// looks new for a moment, every handle at the newer one reopens on its next lease and puts it
// back. Correct either way: generations only tell states apart.
std::uint64_t SearcherPool::seen(const indexer::Searcher& s) {
  std::string state = state_of(s);
  std::lock_guard lock(state_mutex_);
  if (state != state_) {
    state_ = std::move(state);
    ++generation_;
  }
  return generation_.load();
}

std::optional<std::uint64_t> SearcherPool::generation_of(const indexer::Searcher& s) {
  std::string state = state_of(s);
  std::lock_guard lock(state_mutex_);
  if (state != state_) return std::nullopt;
  return generation_.load();
}

SearcherPool::Lease SearcherPool::acquire() {
  std::unique_ptr<Slot> slot;
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || created_ < size_; });
    if (!idle_.empty()) {
      slot = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++created_;
    }
  }
  auto now = Clock::now();
  if (!slot) {
    try {
      slot = std::make_unique<Slot>();
      slot->searcher = std::make_unique<indexer::Searcher>(db_path_);
      slot->checked = now;
    } catch (...) {
      std::lock_guard lock(mutex_);
      --created_;
      available_.notify_one();
      throw;
    }
    Lease lease(*this, std::move(slot));
    seen(*lease);
    return lease;
  }
  Lease lease(*this, std::move(slot));  // returns the handle to the pool if reopen() throws
  // Not at the newest state another handle has seen: catch up now, so that a client never gets
  // older results after newer ones (and replies can be cached under that state).
  if (now - lease.slot_->checked > kRecheck || !generation_of(*lease)) refresh(lease);
  return lease;
}

void SearcherPool::refresh(Lease& lease) {
  lease->reopen();
  lease.slot_->checked = Clock::now();
  seen(*lease);
}

void SearcherPool::release(std::unique_ptr<Slot> slot) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(slot));
  }
  available_.notify_one();
}

std::uint64_t SearcherPool::generation() {
  auto now = Clock::now();
  if (now.time_since_epoch().count() - probe_checked_.load() > kRecheck.count()) {
    // One thread checks; the others go on with the state known (at most a second old).
    std::unique_lock lock(probe_mutex_, std::try_to_lock);
    if (lock.owns_lock() &&
        now.time_since_epoch().count() - probe_checked_.load() > kRecheck.count()) {
      probe_checked_ = now.time_since_epoch().count();
      probe_->reopen();
      seen(*probe_);
    }
  }
  return generation_.load();
}

void SearcherPool::note_change() {
  std::lock_guard lock(probe_mutex_);
  probe_checked_ = Clock::now().time_since_epoch().count();
  probe_->reopen();
  seen(*probe_);
}

}  // namespace tracuu::server
