// Bad input during indexing: every error counted, but only the first few of each file printed.
// A 3 MB .gz of junk lines used to print 7 million error lines (473 MB of stderr).
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "tracuu/indexer/index_options.h"

namespace tracuu::indexer {

// Thread-safe: the reader, the workers and the writers all report here.
class ErrorReport {
 public:
  explicit ErrorReport(const IndexOptions& options) : options_(options) {}

  // One problem with the input at `origin` ("path" or "path:line"). `lost` is false for a
  // warning about a document that was indexed anyway (a converted encoding, replaced bytes).
  void report(const std::string& origin, const std::string& reason, bool lost);

  // Says, for each file whose errors went over the limit, how many were not printed.
  void summarize();

  std::size_t documents_lost() const;

  // "path" of "path:line"; the origin itself when it has no line number.
  static std::string file_of(const std::string& origin);

 private:
  const IndexOptions& options_;
  mutable std::mutex mutex_;
  std::size_t lost_ = 0;
  std::map<std::string, std::size_t> per_file_;  // errors seen in each file
};

}  // namespace tracuu::indexer
