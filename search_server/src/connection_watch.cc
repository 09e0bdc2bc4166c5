// The watchdog thread: checks the open connections' header deadlines a few times a second.
#include "connection_watch.h"

namespace tracuu::server {
namespace {

using Clock = std::chrono::steady_clock;
// How late a deadline may be noticed: small against the timeout itself (seconds).
constexpr std::chrono::milliseconds kTick(100);

void shut(Poco::Net::StreamSocket& s, bool both) {
  try {
    if (both) {
      s.shutdown();
    } else {
      s.shutdownReceive();
    }
  } catch (const Poco::Exception&) {  // already closed by the client
  }
}

}  // namespace

ConnectionWatch::ConnectionWatch(std::chrono::milliseconds header_timeout)
    : header_timeout_(header_timeout), watcher_([this] { watch(); }) {}

ConnectionWatch::~ConnectionWatch() {
  {
    std::lock_guard lock(mutex_);
    ending_ = true;
  }
  wake_.notify_all();
  watcher_.join();
}

ConnectionWatch::Id ConnectionWatch::open(const Poco::Net::StreamSocket& socket) {
  std::lock_guard lock(mutex_);
  Id id = ++next_;
  auto& e = open_.emplace(id, Entry{socket, std::nullopt, false}).first->second;
  if (stopping_) shut(e.socket, true);
  return id;
}

void ConnectionWatch::close(Id id) {
  std::lock_guard lock(mutex_);
  open_.erase(id);
}

void ConnectionWatch::expect_header(Id id) {
  std::lock_guard lock(mutex_);
  if (auto it = open_.find(id); it != open_.end())
    it->second.deadline = Clock::now() + header_timeout_;
}

void ConnectionWatch::header_received(Id id) {
  std::lock_guard lock(mutex_);
  if (auto it = open_.find(id); it != open_.end()) it->second.deadline.reset();
}

bool ConnectionWatch::timed_out(Id id) const {
  std::lock_guard lock(mutex_);
  auto it = open_.find(id);
  return it != open_.end() && it->second.timed_out;
}

void ConnectionWatch::stop_all() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  for (auto& [id, e] : open_) shut(e.socket, true);
}

bool ConnectionWatch::stopping() const {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void ConnectionWatch::watch() {
  std::unique_lock lock(mutex_);
  while (!ending_) {
    wake_.wait_for(lock, kTick, [&] { return ending_; });
    auto now = Clock::now();
    for (auto& [id, e] : open_) {
      if (!e.deadline || *e.deadline > now) continue;
      e.deadline.reset();
      e.timed_out = true;
      shut(e.socket, false);
    }
  }
}

}  // namespace tracuu::server
