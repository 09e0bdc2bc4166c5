// Every open connection, watched for a request header that takes too long, and for the stop.
#pragma once

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace tracuu::server {

// A connection's thread blocks while it reads a request header, and Poco's timeout only bounds
// each read: a client trickling one byte every few seconds held a thread forever. The watch
// gives each header a deadline for the whole of it; past it, the connection's receive side is
// shut, which wakes the blocked read (the connection then answers 408 and closes). stop_all()
// ends every connection the same way. Thread-safe.
class ConnectionWatch {
 public:
  explicit ConnectionWatch(std::chrono::milliseconds header_timeout);
  ~ConnectionWatch();
  ConnectionWatch(const ConnectionWatch&) = delete;
  ConnectionWatch& operator=(const ConnectionWatch&) = delete;

  using Id = std::uint64_t;
  Id open(const Poco::Net::StreamSocket& socket);
  void close(Id id);
  // From now on, a whole request header must arrive within the timeout.
  void expect_header(Id id);
  void header_received(Id id);
  // Whether the connection's header deadline passed (its receive side is shut).
  bool timed_out(Id id) const;
  // Shuts every open connection (and any opened later); returns at once.
  void stop_all();
  bool stopping() const;

 private:
  struct Entry {
    Poco::Net::StreamSocket socket;
    std::optional<std::chrono::steady_clock::time_point> deadline;
    bool timed_out = false;
  };
  void watch();

  const std::chrono::milliseconds header_timeout_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<Id, Entry> open_;
  Id next_ = 0;
  bool stopping_ = false;
  bool ending_ = false;  // the destructor runs
  std::thread watcher_;
};

}  // namespace tracuu::server
