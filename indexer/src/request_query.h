// A search request as one Xapian query: the parsed text, ranked by its best reading, filtered.
// The only place a SearchRequest becomes a query; callers never build filters themselves.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "tracuu/indexer/search_request.h"

namespace tracuu::indexer {

struct RequestQuery {
  Xapian::Query query;
  bool browse = true;                // no text and no field terms: newest first
  std::vector<std::string> words;    // normalized query words, for snippets
  std::vector<std::string> reading;  // their best reading (reading.h), for "did you mean"
};

// Throws QueryError for a request the user must fix (see filters.h, query_parser.h).
RequestQuery request_query(const SearchRequest& request, const Xapian::Database& db);

}  // namespace tracuu::indexer
