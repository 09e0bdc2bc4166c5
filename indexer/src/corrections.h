// What an unknown query word may have meant, asked of the index: keyboard slips first (Telex and
// VNI keys typed without the input method, swapped, dropped or doubled letters), then Xapian's
// spelling table within an edit budget that grows with the word, so nonsense stays as typed.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "index_view.h"

namespace tracuu::indexer {

// An accented word is known when that very form is indexed; an accentless one also through its
// accented forms (the synonym table).
bool known(const IndexView& db, const std::string& word);

// Indexed syllables the unknown `word` (normalized) was most likely typed for, best first, at most
// three: "vieetj" -> "việt", "tinhr" -> "tỉnh", "quyeen" -> "quyên"; empty for a known word and
// for one no indexed syllable is near ("xqzjv", "wpfk").
std::vector<std::string> corrections(const IndexView& db, const std::string& word);

}  // namespace tracuu::indexer
