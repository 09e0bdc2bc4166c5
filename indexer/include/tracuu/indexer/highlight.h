// A whole text marked for the search that led to it (the document page opened from a result).
#pragma once

#include <string>
#include <vector>

namespace tracuu::indexer {

// `text` HTML-escaped, with the tokens a search's snippets would mark (SearchResult::marked_words:
// any accent form of a word, any variant of a document number) in <mark>.
std::string highlight(const std::string& text, const std::vector<std::string>& words);

}  // namespace tracuu::indexer
