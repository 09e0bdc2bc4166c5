// Which connections the server takes on: bounded in all and per client address.
#pragma once

#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServer.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace tracuu::server {

// Poco serves each connection on a thread of its own for the connection's whole life, and queued
// connections waited for one without limit: a few dozen slow or idle clients locked everyone else
// out. Admission takes a connection only while fewer than `total` are open and fewer than
// `per_client` come from its address; any other is answered "503" with Retry-After at once, by a
// thread of its own (so the acceptor never waits on a client). Thread-safe.
class Admission : public Poco::Net::TCPServerConnectionFilter {
 public:
  Admission(unsigned total, unsigned per_client);
  ~Admission() override;

  bool accept(const Poco::Net::StreamSocket& socket) override;  // the acceptor thread
  void leave(const std::string& client);                        // an admitted connection has closed
  std::size_t refused() const;

 private:
  void refuse(const Poco::Net::StreamSocket& socket);
  void answer_refused();

  const unsigned total_, per_client_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  unsigned open_ = 0;
  std::map<std::string, unsigned> by_client_;
  std::size_t refused_ = 0;
  std::deque<Poco::Net::StreamSocket> to_refuse_;
  bool stopping_ = false;
  std::thread refuser_;
};

}  // namespace tracuu::server
