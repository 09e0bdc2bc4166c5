// Shared by the remote-shard tests: a real xapian-tcpsrv serving one database on loopback.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>

namespace tracuu::test {

// A loopback port nothing listens on right now (the kernel's choice for port 0).
inline int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

inline bool accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// `xapian-tcpsrv --port P --interface 127.0.0.1 DB` in a process group of its own (it forks a
// process per connection; stopping the group stops them all), up within 10 s or not at all.
class TcpServer {
 public:
  explicit TcpServer(std::string db) : db_(std::move(db)) { start(); }
  ~TcpServer() { stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  int port() const { return port_; }
  bool up() const { return pid_ > 0; }
  std::string stub_line() const { return "remote 127.0.0.1:" + std::to_string(port_) + "\n"; }

  // Starts it again on the same port (after stop()).
  void start() {
    for (int attempt = 0; attempt < 3 && pid_ <= 0; ++attempt) {
      if (port_ == 0 || attempt > 0) port_ = free_port();
      pid_ = spawn();
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
      while (!accepts(port_) && std::chrono::steady_clock::now() < deadline && alive())
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      if (!accepts(port_)) stop();
    }
  }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(-pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  pid_t spawn() const {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setsid();
      std::string port = std::to_string(port_);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--port", port.c_str(), "--interface",
               "127.0.0.1", db_.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    return pid;
  }

  bool alive() const { return pid_ > 0 && ::waitpid(pid_, nullptr, WNOHANG) == 0; }

  std::string db_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace tracuu::test
