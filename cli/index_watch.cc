// `tracuu index --watch DIR` (index_watch.h).
#include "index_watch.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <iostream>
#include <stdexcept>

namespace tracuu::cli {
namespace {

// SIGINT and SIGTERM become readable on a file descriptor instead of ending the process, so
// the watcher finishes the batch it is writing and saves its state first. Blocked before the
// indexing threads start, which inherit the mask.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&mask_);
    sigaddset(&mask_, SIGINT);
    sigaddset(&mask_, SIGTERM);
    if (::sigprocmask(SIG_BLOCK, &mask_, &old_) != 0 ||
        (fd_ = ::signalfd(-1, &mask_, SFD_CLOEXEC | SFD_NONBLOCK)) < 0)
      throw std::runtime_error(std::string("signalfd: ") + std::strerror(errno));
  }
  // The signal that stopped the watcher is read here: left pending, it would end the process
  // (status 143 instead of 0) as soon as the old mask unblocks it.
  ~StopSignals() {
    signalfd_siginfo info{};
    while (::read(fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    }
    ::close(fd_);
    ::sigprocmask(SIG_SETMASK, &old_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  int fd() const { return fd_; }

 private:
  sigset_t mask_{}, old_{};
  int fd_ = -1;
};

// "2026-12-02T17:40:01Z added a.pdf -> h1a2b...": a long-running log needs its times.
void log_line(const std::string& line) {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::cerr << stamp << " tracuu index: " << line << std::endl;
}

}  // namespace

void watch_folder(const std::string& dir, const std::string& db,
                  indexer::DropFolderOptions options) {
  StopSignals signals;
  options.log = log_line;
  indexer::DropFolder folder(dir, db, std::move(options));
  folder.run(signals.fd());
}

}  // namespace tracuu::cli
