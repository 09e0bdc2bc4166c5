// Readers of binary document formats: bytes in, a raw document (UTF-8 text) out.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "tracuu/corpus/format_detect.h"
#include "tracuu/corpus/raw_document.h"

namespace tracuu::corpus {

// Why a file of a known format was refused (encrypted, corrupt, over a bound); English, for stderr.
struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Each throws FormatError; `origin` names the file in the raw document.
RawDocument read_docx(const std::string& origin, std::string_view bytes);
RawDocument read_odt(const std::string& origin, std::string_view bytes);
RawDocument read_doc(const std::string& origin, std::string_view bytes);

// The one place that maps a detected format to its reader: a document to `on_doc` or one
// clear error to `on_error`; never throws.
void read_binary_document(const std::string& origin, FileFormat format, std::string_view bytes,
                          const RawSink& on_doc, const ErrorSink& on_error);

}  // namespace tracuu::corpus
