// Citations of other documents: numbers in any variant, with type, issuer, date and subject.
#pragma once

#include <string>
#include <vector>

#include "tracuu/corpus/document.h"

namespace tracuu::corpus {

// `text` in normalize_keep_case form. One entry per canonical number, first mention first.
std::vector<Citation> find_citations(const std::string& text);

}  // namespace tracuu::corpus
