// Server-rendered HTML pages (readable without JavaScript; web/static/app.js enhances them).
#pragma once

#include <string>
#include <vector>

#include "tracuu/corpus/document.h"
#include "tracuu/indexer/html.h"
#include "tracuu/indexer/searcher.h"

namespace tracuu::server {

using indexer::html_escape;
std::string url_encode(std::string_view s);

struct SearchPage {
  indexer::SearchRequest request;
  std::size_t page = 1;
  std::size_t size = 10;
  indexer::SearchResult result;
  std::string error;  // shown instead of results (Vietnamese)
};

// The search a document page was opened from (its result links carry the search and `hit`): its
// words are marked in the text, and the page leads back to the results and on to the next hit.
struct FromSearch {
  indexer::SearchRequest request;
  std::size_t hit = 1;  // this document's rank in the results, from 1
  std::vector<std::string> marked_words;
  std::optional<std::string> previous_id, next_id;
};

std::string render_search(const SearchPage& page);
std::string render_document(const corpus::Document& doc, const std::vector<indexer::Hit>& related,
                            const std::string& base_url,
                            const std::optional<FromSearch>& from = std::nullopt);
std::string render_cited_document(const indexer::CitedDocument& record,
                                  const std::optional<corpus::Document>& text);
std::string render_error_page(int status, const std::string& message);
// The page frame (header with the search box, footer) around `body`, for pages rendered elsewhere.
std::string page_layout(const std::string& title, const std::string& description,
                        const std::string& body);

}  // namespace tracuu::server
