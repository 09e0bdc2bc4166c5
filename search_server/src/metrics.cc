// Prometheus exposition of request counts by route and status, and request latency.
#include "metrics.h"

#include <sstream>

namespace tracuu::server {

void Metrics::record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  ++count_;
  sum_ += seconds;
}

std::string Metrics::render(std::size_t documents, std::uint64_t revision) const {
  std::lock_guard lock(mutex_);
  std::ostringstream out;
  out << "# HELP tracuu_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE tracuu_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out << "tracuu_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second
        << "\"} " << n << "\n";
  out << "# HELP tracuu_http_request_duration_seconds Request latency.\n"
      << "# TYPE tracuu_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    out << "tracuu_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << bucket_counts_[i] << "\n";
  out << "tracuu_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "tracuu_http_request_duration_seconds_sum " << sum_ << "\n"
      << "tracuu_http_request_duration_seconds_count " << count_ << "\n"
      << "# HELP tracuu_index_documents Documents in the index.\n"
      << "# TYPE tracuu_index_documents gauge\n"
      << "tracuu_index_documents " << documents << "\n"
      << "# HELP tracuu_index_revision Revision of the open index.\n"
      << "# TYPE tracuu_index_revision gauge\n"
      << "tracuu_index_revision " << revision << "\n";
  return out.str();
}

std::string render_cache_metrics(const ResponseCache::Stats& c) {
  std::ostringstream o;
  auto gauge = [&](const char* name, const char* help, std::size_t v) {
    o << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n"
      << name << " " << v << "\n";
  };
  gauge("tracuu_response_cache_bytes", "Bytes held by the reply cache.", c.bytes);
  gauge("tracuu_response_cache_max_bytes", "The reply cache's byte budget.", c.max_bytes);
  gauge("tracuu_response_cache_entries", "Replies in the cache.", c.entries);
  o << "# HELP tracuu_response_cache_lookups_total Cache lookups by result.\n"
    << "# TYPE tracuu_response_cache_lookups_total counter\n"
    << "tracuu_response_cache_lookups_total{result=\"hit\"} " << c.hits << "\n"
    << "tracuu_response_cache_lookups_total{result=\"miss\"} " << c.misses << "\n"
    << "# HELP tracuu_response_cache_evictions_total Replies dropped for the byte budget.\n"
    << "# TYPE tracuu_response_cache_evictions_total counter\n"
    << "tracuu_response_cache_evictions_total " << c.evictions << "\n"
    << "# HELP tracuu_response_cache_invalidations_total Cache resets on a new index revision.\n"
    << "# TYPE tracuu_response_cache_invalidations_total counter\n"
    << "tracuu_response_cache_invalidations_total " << c.invalidations << "\n";
  return o.str();
}

}  // namespace tracuu::server
