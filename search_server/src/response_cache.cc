// The reply cache: an LRU list with a byte budget, reset whenever the index revision moves on.
#include "response_cache.h"

namespace tracuu::server {
namespace {

// Bookkeeping per entry (list node, hash node, shared_ptr control block, string headers): an
// estimate, so the budget bounds the real footprint and not just the bodies.
constexpr std::size_t kEntryOverhead = 256;

std::size_t footprint(const std::string& key, const CachedReply& r) {
  return kEntryOverhead + key.size() + r.reply.body.size() + r.reply.content_type.size() +
         r.reply.etag.size() + r.reply.cache_control.size() + r.route.size();
}

void append_field(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

}  // namespace

ResponseCache::ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {
  counters_.max_bytes = max_bytes;
}

std::string ResponseCache::key(const std::string& path,
                               const std::vector<std::pair<std::string, std::string>>& params) {
  std::string k;
  k.reserve(path.size() + 16);
  append_field(k, path);
  for (const auto& [name, value] : params) {
    append_field(k, name);
    append_field(k, value);
  }
  return k;
}

bool ResponseCache::adopt(std::uint64_t revision) {
  if (has_revision_ && revision == revision_) return true;
  // Workers reopen their handles independently (at most a second apart): one that has not yet
  // seen the new revision must neither read the new entries nor add old ones.
  if (has_revision_ && revision < revision_) return false;
  if (has_revision_) ++counters_.invalidations;
  clear();
  revision_ = revision;
  has_revision_ = true;
  return true;
}

void ResponseCache::clear() {
  index_.clear();
  lru_.clear();
  bytes_ = 0;
}

ResponseCache::Lookup ResponseCache::find(const std::string& key, std::uint64_t revision) {
  std::lock_guard lock(mutex_);
  if (max_bytes_ == 0) return {};
  if (!adopt(revision)) return {nullptr, true};
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++counters_.misses;
    return {};
  }
  ++counters_.hits;
  lru_.splice(lru_.begin(), lru_, it->second);
  return {it->second->value, false};
}

void ResponseCache::insert(const std::string& key, std::uint64_t revision,
                           std::shared_ptr<const CachedReply> value) {
  std::size_t bytes = footprint(key, *value);
  // One huge reply (a document cited thousands of times) must not flush everything else.
  if (bytes > max_bytes_ / 8) return;
  std::lock_guard lock(mutex_);
  if (!adopt(revision)) return;
  if (auto it = index_.find(key); it != index_.end()) {  // two workers missed at once
    bytes_ -= it->second->bytes;
    lru_.erase(it->second);
    index_.erase(it);
  }
  lru_.push_front(Entry{key, std::move(value), bytes});
  index_.emplace(lru_.front().key, lru_.begin());
  bytes_ += bytes;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    auto& last = lru_.back();
    bytes_ -= last.bytes;
    index_.erase(last.key);
    lru_.pop_back();
    ++counters_.evictions;
  }
}

ResponseCache::Stats ResponseCache::stats() const {
  std::lock_guard lock(mutex_);
  Stats s = counters_;
  s.entries = lru_.size();
  s.bytes = bytes_;
  return s;
}

std::unique_ptr<Flights::Ticket> Flights::join(std::string key) {
  std::unique_ptr<Ticket> t(new Ticket);
  std::lock_guard lock(mutex_);
  auto [it, first] = flying_.try_emplace(key);
  if (first) {
    it->second = t->promise_.get_future().share();
    t->leads_ = true;
    t->flights_ = this;
    t->key_ = std::move(key);
  } else {
    t->leader_ = it->second;
  }
  return t;
}

void Flights::Ticket::land(Result r) {
  if (!flights_) return;
  {
    std::lock_guard lock(flights_->mutex_);
    flights_->flying_.erase(key_);
  }
  flights_ = nullptr;
  promise_.set_value(std::move(r));
}

Flights::Ticket::~Ticket() { land(nullptr); }

}  // namespace tracuu::server
