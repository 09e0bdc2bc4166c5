// The per-token write rate (rate_limit.h).
#include "rate_limit.h"

#include <algorithm>
#include <cmath>

namespace tracuu::server {

int RateLimit::take(const std::string& name) {
  if (per_minute_ <= 0) return 0;  // no limit
  const auto now = std::chrono::steady_clock::now();
  const double per_second = per_minute_ / 60;
  std::lock_guard lock(mutex_);
  auto [it, fresh] = buckets_.try_emplace(name, Bucket{per_minute_, now});
  Bucket& b = it->second;
  b.tokens = std::min(per_minute_,
                      b.tokens + std::chrono::duration<double>(now - b.at).count() * per_second);
  b.at = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / per_second)));
}

}  // namespace tracuu::server
