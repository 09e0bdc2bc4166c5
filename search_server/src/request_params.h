// Query parameters of a request, validated into what the endpoints need.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tracuu/indexer/searcher.h"

namespace tracuu::server {

// Decoded, in the order given (a name may repeat).
using Params = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> all_of(const Params& params, const std::string& key);
std::optional<std::string> one_of(const Params& params, const std::string& key);

// The search parameters shared by /api/search and /search; throws HttpError (400).
struct ParsedSearch {
  indexer::SearchRequest request;
  std::size_t page = 1, size = 10;
};
ParsedSearch parse_search(const Params& params);

// The `q` of /api/suggest; throws HttpError (400).
std::string parse_suggest_query(const Params& params);

}  // namespace tracuu::server
