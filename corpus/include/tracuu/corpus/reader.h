// Readers: files, directories, stdin, .gz, in .txt / .html / .jsonl, into raw documents.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tracuu/corpus/format_detect.h"

namespace tracuu::corpus {

// What a reader found before cleaning and metadata extraction.
struct RawDocument {
  enum class Format { kText, kHtml, kJson };
  Format format = Format::kText;
  std::string origin;   // "path" or "path:line"
  std::string content;  // UTF-8 text or HTML (converted when the input was a legacy encoding)
  nlohmann::json fields = nlohmann::json::object();  // jsonl fields (id, url, title, date, ...)
  std::optional<std::string> encoding_note;          // e.g. "converted from TCVN3"
  FileFormat source_format = FileFormat::kText;      // what the file was: PDF, Word, text...
};

struct ReadError {
  std::string origin;
  std::string reason;  // clear English reason for stderr
};

using RawSink = std::function<void(RawDocument&&)>;
using ErrorSink = std::function<void(const ReadError&)>;

// Reads a file or directory (recursively), "-" for stdin. Never throws for bad input:
// every problem goes to `on_error` and reading continues.
void read_path(const std::string& path, const RawSink& on_doc, const ErrorSink& on_error);

// About how many content bytes read_path will hand out for `path` (file sizes, gzip's recorded
// uncompressed sizes; 0 for stdin): the denominator of a progress bar, read without reading.
std::uintmax_t content_bytes_hint(const std::string& path);

}  // namespace tracuu::corpus
