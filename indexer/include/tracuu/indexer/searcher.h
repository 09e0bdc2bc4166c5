// The query side shared by `tracuu search` and the HTTP server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tracuu/corpus/document.h"
#include "tracuu/indexer/errors.h"
#include "tracuu/indexer/search_request.h"
#include "tracuu/indexer/search_result.h"

namespace tracuu::indexer {

// One Searcher per thread (a Xapian::Database handle is not thread-safe). Every method throws
// only IndexError (a fault of the index: missing, damaged, locked...; Xapian's message in
// `detail`) or QueryError (a request the user must fix). A read that a writer's commits overtake
// is run again on the newer revision, so commits never show as errors.
class Searcher {
 public:
  explicit Searcher(const std::string& db_path);  // IndexError kNotFound: no index there
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Picks up commits made by another process; returns true when the revision changed.
  bool reopen();
  std::uint64_t revision() const;
  // The shards' UUIDs: new with every rebuild and compaction (the revision may then go down).
  std::string uuid() const;
  std::size_t document_count() const;

  SearchResult search(const SearchRequest& request);  // throws QueryError
  std::optional<corpus::Document> document(const std::string& id);
  std::vector<Hit> related(const std::string& id, std::size_t limit);
  // The same for a document already read with document() (saves reading it again).
  std::vector<Hit> related(const corpus::Document& doc, std::size_t limit);
  std::optional<CitedDocument> cited_document(const std::string& number_any_variant);
  std::vector<std::string> suggest(const std::string& prefix, std::size_t limit);
  std::map<std::string, FacetCounts> all_facets(std::size_t limit_per_facet);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The `tracuu search --json` shape.
nlohmann::json to_json(const SearchResult& result);
nlohmann::json to_json(const Hit& hit);
nlohmann::json to_json(const CitedDocument& record);

}  // namespace tracuu::indexer
