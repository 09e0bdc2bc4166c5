#include "disjunctive_facets.h"

#include <string>
#include <vector>

namespace tracuu::server {
namespace {

using Values = std::vector<std::string> indexer::SearchRequest::*;

struct FacetFilter {
  const char* facet;
  Values values;
};

constexpr FacetFilter kFacetFilters[] = {
    {indexer::kProvinceFacet, &indexer::SearchRequest::provinces},
    {indexer::kCitedFacet, &indexer::SearchRequest::cited_numbers},
    {indexer::kTypeFacet, &indexer::SearchRequest::types},
    {indexer::kYearFacet, &indexer::SearchRequest::years},
};

}  // namespace

void count_facets_disjunctively(indexer::Searcher& searcher, const indexer::SearchRequest& request,
                                indexer::SearchResult& result) {
  if (!request.facets) return;
  for (const auto& f : kFacetFilters) {
    if ((request.*f.values).empty()) continue;
    indexer::SearchRequest without_own = request;
    (without_own.*f.values).clear();
    without_own.offset = 0;
    without_own.limit = 0;
    // Counts in the same matching mode as the page: a strict page must not count relaxed matches.
    without_own.exact = request.exact || !result.relaxed;
    auto counted = searcher.search(without_own);
    if (auto it = counted.facets.find(f.facet); it != counted.facets.end())
      result.facets[f.facet] = std::move(it->second);
  }
}

}  // namespace tracuu::server
