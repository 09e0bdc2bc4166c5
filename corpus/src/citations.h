// Citations of other documents: numbers in any variant, with type, issuer, date and subject.
#pragma once

#include <string>
#include <vector>

#include "tracuu/corpus/document.h"

namespace tracuu::corpus {

struct CitationScan {
  std::vector<Citation> citations;         // one per canonical number, first mention first
  std::vector<ShortCitation> unresolved;   // short names with no full number in the text
};

// `text` in normalize_keep_case form.
CitationScan find_citations(const std::string& text);

}  // namespace tracuu::corpus
