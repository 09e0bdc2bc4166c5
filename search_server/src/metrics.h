// Request counters and a latency histogram, rendered in the Prometheus text format.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "response_cache.h"

namespace tracuu::server {

// Thread-safe; one instance per server.
class Metrics {
 public:
  void record(const std::string& route, int status, double seconds);
  std::string render(std::size_t documents, std::uint64_t revision) const;

 private:
  static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,  0.1,    0.25,  0.5,  1.0};
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

// The reply cache's gauges and counters, in the same format.
std::string render_cache_metrics(const ResponseCache::Stats& c);

}  // namespace tracuu::server
