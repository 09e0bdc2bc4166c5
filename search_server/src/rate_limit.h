// Writes per token: a token bucket each, so one client (a runaway script) cannot keep the
// index's write lock for itself.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace tracuu::server {

// Each name's bucket holds up to `per_minute` writes and refills at per_minute/60 a second:
// bursts of a minute's worth, then the steady rate. Thread-safe.
class RateLimit {
 public:
  explicit RateLimit(double per_minute) : per_minute_(per_minute) {}

  // Takes one write from `name`'s bucket; when it is empty, returns the seconds (at least 1)
  // until the next write is allowed, and takes nothing.
  int take(const std::string& name);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  const double per_minute_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace tracuu::server
