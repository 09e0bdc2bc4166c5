// Admission: connection counts, and the 503 for connections over them.
#include "admission.h"

#include <vector>

#include "http_error.h"

namespace tracuu::server {
namespace {

using Clock = std::chrono::steady_clock;

// Refused connections kept open to deliver their 503 (beyond that, closed at once).
constexpr std::size_t kMaxRefusing = 512;

std::string refusal() {
  Reply r = error_reply(
      HttpError{503, "overloaded", "Máy chủ đang bận, vui lòng thử lại sau giây lát."}, true);
  return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: " + r.content_type +
         "\r\nRetry-After: 1\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Length: " +
         std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
}

// Whether the client has finished sending (or failed); reads and drops what it sent so far.
bool drained(Poco::Net::StreamSocket& s) {
  char buffer[4096];
  try {
    for (;;) {
      if (!s.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) return false;
      if (s.receiveBytes(buffer, sizeof buffer) <= 0) return true;
    }
  } catch (const Poco::Exception&) {
    return true;
  }
}

}  // namespace

Admission::Admission(unsigned total, unsigned per_client)
    : total_(total), per_client_(per_client), refuser_([this] { answer_refused(); }) {}

Admission::~Admission() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  refuser_.join();
}

bool Admission::accept(const Poco::Net::StreamSocket& socket) {
  std::string client = socket.peerAddress().host().toString();
  {
    std::lock_guard lock(mutex_);
    unsigned& mine = by_client_[client];
    if (open_ < total_ && mine < per_client_) {
      ++open_;
      ++mine;
      return true;
    }
    if (mine == 0) by_client_.erase(client);
    ++refused_;
  }
  refuse(socket);
  return false;
}

void Admission::leave(const std::string& client) {
  std::lock_guard lock(mutex_);
  --open_;
  auto it = by_client_.find(client);
  if (it != by_client_.end() && --it->second == 0) by_client_.erase(it);
}

std::size_t Admission::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

void Admission::refuse(const Poco::Net::StreamSocket& socket) {
  {
    std::lock_guard lock(mutex_);
    if (to_refuse_.size() >= kMaxRefusing) return;  // Poco closes it
    to_refuse_.push_back(socket);  // a copy: keeps the connection open after accept() returns
  }
  wake_.notify_one();
}

// The 503 is sent at once, but the connection is closed only once the client has finished
// sending its request (or after a second): closing with unread input makes the kernel answer
// with a reset, and the client would see a broken connection instead of the 503.
void Admission::answer_refused() {
  static const std::string reply = refusal();
  std::vector<std::pair<Poco::Net::StreamSocket, Clock::time_point>> closing;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::milliseconds(closing.empty() ? 1000 : 20),
                   [&] { return stopping_ || !to_refuse_.empty(); });
    auto fresh = std::move(to_refuse_);
    to_refuse_.clear();
    lock.unlock();
    for (auto& s : fresh) {
      try {
        s.setBlocking(false);
        s.sendBytes(reply.data(), static_cast<int>(reply.size()));
        s.shutdownSend();
        closing.emplace_back(s, Clock::now() + std::chrono::seconds(1));
      } catch (const Poco::Exception&) {  // the client is gone already
      }
    }
    std::erase_if(closing, [](auto& c) { return Clock::now() > c.second || drained(c.first); });
    lock.lock();
  }
}

}  // namespace tracuu::server
