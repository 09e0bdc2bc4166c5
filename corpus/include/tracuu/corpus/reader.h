// Readers: files, directories, stdin, .gz, in .txt / .html / .jsonl, into raw documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>

#include "tracuu/corpus/raw_document.h"

namespace tracuu::corpus {

// What one input may cost; larger or deeper inputs are refused with a reason, checked while
// reading (docs/reliability.md, "Input limits"). Tests lower them.
struct ReadLimits {
  std::size_t max_bytes = 64u << 20;  // a file, a decompressed .gz, stdin, or one JSON line
  int max_json_depth = 64;            // nesting of arrays and objects in a JSON line
  std::size_t max_html_depth = 400;   // nesting of elements in an HTML document
};

// Reads a file or directory (recursively), "-" for stdin (plain or gzip). Never throws for bad
// input: every problem goes to `on_error` and reading continues.
void read_path(const std::string& path, const RawSink& on_doc, const ErrorSink& on_error,
               const ReadLimits& limits = {});

// Reads bytes as read_path reads a file called `name` (the format told by the bytes, JSON lines
// by the name): an upload to the write API, which has no path. `name` is the documents' origin
// and their original's file name ("Kế hoạch 01.pdf").
void read_bytes(const std::string& name, std::string bytes, const RawSink& on_doc,
                const ErrorSink& on_error, const ReadLimits& limits = {});

// About how many content bytes read_path will hand out for `path` (file sizes, gzip's recorded
// uncompressed sizes; 0 for stdin): the denominator of a progress bar, read without reading.
std::uintmax_t content_bytes_hint(const std::string& path);

}  // namespace tracuu::corpus
