#include "error_report.h"

#include <algorithm>
#include <cctype>

namespace tracuu::indexer {

std::string ErrorReport::file_of(const std::string& origin) {
  std::size_t colon = origin.rfind(':');
  if (colon == std::string::npos || colon + 1 == origin.size()) return origin;
  bool line = std::all_of(origin.begin() + static_cast<std::ptrdiff_t>(colon) + 1, origin.end(),
                          [](unsigned char c) { return std::isdigit(c); });
  return line ? origin.substr(0, colon) : origin;
}

void ErrorReport::report(const std::string& origin, const std::string& reason, bool lost) {
  std::lock_guard lock(mutex_);
  if (lost) ++lost_;
  std::size_t seen = ++per_file_[file_of(origin)];
  if (seen <= options_.errors_per_file && options_.on_error) options_.on_error(origin, reason);
}

void ErrorReport::summarize() {
  std::lock_guard lock(mutex_);
  for (const auto& [file, seen] : per_file_)
    if (seen > options_.errors_per_file && options_.on_more_errors)
      options_.on_more_errors(file, seen - options_.errors_per_file);
}

std::size_t ErrorReport::documents_lost() const {
  std::lock_guard lock(mutex_);
  return lost_;
}

}  // namespace tracuu::indexer
