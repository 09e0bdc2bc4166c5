// Facet counts a person can still choose from once a value is chosen.
#pragma once

#include "tracuu/indexer/search_request.h"
#include "tracuu/indexer/search_result.h"
#include "tracuu/indexer/searcher.h"

namespace tracuu::server {

// Filters are OR within a facet and AND across facets, so a facet with a chosen value counts the
// matches of every other filter but not its own: with 2019 checked, 2020 and 2021 keep the counts
// they would add, instead of disappearing (one more search per facet in use; docs/api.md).
void count_facets_disjunctively(indexer::Searcher& searcher, const indexer::SearchRequest& request,
                                indexer::SearchResult& result);

}  // namespace tracuu::server
