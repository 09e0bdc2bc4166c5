// The server's log: whole lines on stderr, never interleaved between threads.
#pragma once

#include <iostream>
#include <mutex>
#include <string_view>

namespace tracuu::server {

// Thread-safe.
class Log {
 public:
  void line(std::string_view text) {
    std::lock_guard lock(mutex_);
    std::cerr << text << "\n";
  }

 private:
  std::mutex mutex_;
};

}  // namespace tracuu::server
