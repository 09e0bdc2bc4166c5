// A search request as one Xapian query: the parsed text, ranked by its best reading, filtered.
// The only place a SearchRequest becomes a query; callers never build filters themselves.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "index_view.h"
#include "tracuu/indexer/search_request.h"

namespace tracuu::indexer {

struct RequestQuery {
  Xapian::Query query;
  bool browse = true;                // no text and no field terms: newest first
  std::vector<std::string> words;    // normalized query words and document numbers, for snippets
  std::vector<std::string> reading;  // their best reading (reading.h)
  // "Did you mean": the query as typed with the reading's words in place (operators and quotes
  // kept); empty when the reading changes nothing.
  std::string suggestion;
  // The relaxed pass (relaxed_query.h), filtered and boosted like `query`; none for an exact
  // request or a query without plain words.
  std::optional<Xapian::Query> relaxed;
  double relaxed_min_weight = 0;
  std::string relaxed_text;  // what the relaxed pass searches for, as the user would type it
};

// Throws QueryError for a request the user must fix (see filters.h, query_parser.h).
RequestQuery request_query(const SearchRequest& request, const IndexView& db);

}  // namespace tracuu::indexer
