// Snippets: the passage of a hit's text that best shows the query words.
#pragma once

#include <string>
#include <vector>

namespace tracuu::indexer {

// The best ~40-token window of `text` for the query `words` (normalized), matches in <mark>,
// everything else HTML-escaped, "…" where text was cut. Without words: the text's start.
std::string make_snippet(const std::string& text, const std::vector<std::string>& words);

}  // namespace tracuu::indexer
