// Readers: files, directories, stdin, .gz, in .txt / .html / .jsonl, into raw documents.
#pragma once

#include <cstddef>
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

// A problem with one input. Either nothing was read from `origin` (a failure), or the document
// was read anyway and this is a notice about it (`document_kept`: bad bytes replaced...).
struct ReadError {
  std::string origin;
  std::string reason;  // clear English reason for stderr
  bool document_kept = false;
};

// What one input may cost; larger or deeper inputs are refused with a reason, checked while
// reading (docs/reliability.md, "Input limits"). Tests lower them.
struct ReadLimits {
  std::size_t max_bytes = 64u << 20;  // a file, a decompressed .gz, stdin, or one JSON line
  int max_json_depth = 64;            // nesting of arrays and objects in a JSON line
  std::size_t max_html_depth = 400;   // nesting of elements in an HTML document
};

using RawSink = std::function<void(RawDocument&&)>;
using ErrorSink = std::function<void(const ReadError&)>;

// Reads a file or directory (recursively), "-" for stdin (plain or gzip). Never throws for bad
// input: every problem goes to `on_error` and reading continues.
void read_path(const std::string& path, const RawSink& on_doc, const ErrorSink& on_error,
               const ReadLimits& limits = {});

// About how many content bytes read_path will hand out for `path` (file sizes, gzip's recorded
// uncompressed sizes; 0 for stdin): the denominator of a progress bar, read without reading.
std::uintmax_t content_bytes_hint(const std::string& path);

}  // namespace tracuu::corpus
