// Turns a raw page into a clean Document with metadata (title, date, citations, places...).
#pragma once

#include <memory>
#include <string>

#include "tracuu/corpus/document.h"
#include "tracuu/corpus/reader.h"

namespace tracuu::corpus {

// Immutable after construction; safe to share between threads.
class Extractor {
 public:
  explicit Extractor(const std::string& data_dir);  // gazetteer and tables from data_dir
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  static const Extractor& shared();  // over $TRACUU_DATA_DIR or the built-in data dir

  // Never throws for bad text: a best-effort document. A PDF or image that cannot be read
  // (encrypted, damaged, over a bound) throws std::runtime_error with the reason.
  Document extract(const RawDocument& raw) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracuu::corpus
