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

namespace tracuu::indexer {

struct Hit {
  std::string id;
  std::string title;
  std::optional<std::string> date;
  bool date_estimated = false;  // `date` is the document's date_estimated (it states none)
  std::string type;
  std::optional<std::string> primary_province;
  std::vector<std::string> provinces;
  std::vector<std::string> citations;  // canonical numbers
  double score = 0;
  std::string snippet;  // HTML: matches in <mark>, everything else escaped
};

using FacetCounts = std::vector<std::pair<std::string, std::size_t>>;  // most frequent first

struct SearchResult {
  std::size_t total = 0;
  bool total_exact = true;
  std::vector<Hit> hits;
  std::map<std::string, FacetCounts> facets;  // "province", "directive", "type", "year"
  bool facets_exact = true;
  std::optional<std::string> suggestion;  // "did you mean"
};

// The registry record of one canonical document number.
struct DirectiveRecord {
  std::string number;
  std::optional<std::string> type, issuer, date, subject;
  std::optional<std::string> document_id;  // the archived text itself, if present
  std::size_t citing_count = 0;
  std::size_t undated = 0;  // citing documents with neither a date nor an estimate
  std::optional<std::string> first_cited, last_cited;
  std::map<std::string, std::size_t> per_year, per_province;
  // Which province reported when: primary province -> year -> citing documents.
  std::map<std::string, std::map<std::string, std::size_t>> per_province_year;
  std::vector<Hit> citing;  // newest first
};

// One Searcher per thread (a Xapian::Database handle is not thread-safe).
class Searcher {
 public:
  explicit Searcher(const std::string& db_path);  // throws std::runtime_error: clear message
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
  std::optional<DirectiveRecord> directive(const std::string& number_any_variant);
  std::vector<std::string> suggest(const std::string& prefix, std::size_t limit);
  std::map<std::string, FacetCounts> all_facets(std::size_t limit_per_facet);

 private:
  bool reopen_now();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The `tracuu search --json` shape.
nlohmann::json to_json(const SearchResult& result);
nlohmann::json to_json(const Hit& hit);
nlohmann::json to_json(const DirectiveRecord& record);

}  // namespace tracuu::indexer
