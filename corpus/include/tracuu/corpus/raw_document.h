// What readers hand out: raw documents and read errors, and the sinks that receive them. Apart
// from reader.h so that the format readers reader.cc dispatches to need not include it back.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tracuu/corpus/format_detect.h"

namespace tracuu::corpus {

// What a reader found before cleaning and metadata extraction.
struct RawDocument {
  // kPdf and kImage hold the file's bytes in `content`: the extractor reads their text (the
  // text layer, or OCR on all cores), so the reader thread never waits for Tesseract.
  enum class Format { kText, kHtml, kJson, kPdf, kImage };
  Format format = Format::kText;
  std::string origin;   // "path" or "path:line"
  std::string content;  // UTF-8 text or HTML (converted when the input was a legacy encoding)
  nlohmann::json fields = nlohmann::json::object();  // jsonl fields (id, url, title, date, ...)
  std::optional<std::string> encoding_note;          // e.g. "converted from TCVN3"
  std::optional<std::string> converted_from;         // legacy encoding read: "TCVN3 (ABC)"
  FileFormat source_format = FileFormat::kText;      // what the file was: PDF, Word, text...
  // The file as the originals store keeps it (docs/originals.md); none for JSON lines, stdin
  // and UTF-8 text, whose record holds the file's text as it was.
  struct Original {
    std::string name;          // file name, ".gz" dropped: "Kế hoạch 01.pdf"
    std::string content_type;  // "application/pdf", ...
    std::string bytes;         // the file's bytes; empty when they are `content` (PDF, images)
  };
  std::optional<Original> original;
};

// A problem with one input. Either nothing was read from `origin` (a failure), or the document
// was read anyway and this is a notice about it (`document_kept`: bad bytes replaced...).
struct ReadError {
  std::string origin;
  std::string reason;  // clear English reason for stderr
  bool document_kept = false;
};

using RawSink = std::function<void(RawDocument&&)>;
using ErrorSink = std::function<void(const ReadError&)>;

}  // namespace tracuu::corpus
