// PDFs and images, once recognized by their bytes, handed on whole as paged raw documents: their
// text is read by the extractor, on the indexer's worker threads, not on the reading thread.
#pragma once

#include <string>
#include <string_view>

#include "tracuu/corpus/format_detect.h"
#include "tracuu/corpus/raw_document.h"

namespace tracuu::corpus {

// A raw PDF or image document after the cheap checks (encrypted, truncated, too many pages, too
// many pixels); throws std::runtime_error with the reason.
RawDocument paged_document(FileFormat format, std::string_view bytes);

// Why a file whose bytes are not a PDF or an image is refused although its name says it is one
// ("x.pdf" holding text), or "" when its name claims nothing of the kind.
std::string false_paged_claim(const std::string& origin);

}  // namespace tracuu::corpus
