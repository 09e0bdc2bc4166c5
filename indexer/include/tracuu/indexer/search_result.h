// What the query side answers: hits, facet counts, search results and cited-document records. Apart
// from searcher.h so that the pieces the Searcher is made of (facets, hits) need not include it.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

// The facets of a search, named as the API names them ("directive": cited documents).
inline constexpr const char* kProvinceFacet = "province";
inline constexpr const char* kCitedFacet = "directive";
inline constexpr const char* kTypeFacet = "type";
inline constexpr const char* kYearFacet = "year";
inline constexpr const char* kFacetNames[] = {kProvinceFacet, kCitedFacet, kTypeFacet, kYearFacet};

struct SearchResult {
  std::size_t total = 0;
  bool total_exact = true;
  std::vector<Hit> hits;
  std::map<std::string, FacetCounts> facets;  // kFacetNames
  bool facets_exact = true;
  std::optional<std::string> suggestion;  // "did you mean"
  // The strict search (every word as typed) found less than a page, so these results come from
  // the relaxed one: each word may be its correction or missing, more words held ranking first.
  // `showing_for` is the query it searched for ("Hiển thị kết quả cho ..."), corrections in place.
  bool relaxed = false;
  std::optional<std::string> showing_for;
  // What the snippets mark (the query's words, their best reading, document numbers): for
  // highlight() on the document page a result leads to.
  std::vector<std::string> marked_words;
};

// A cited document: a document number that documents cite, with what the archive knows of it
// (its own text when archived, else what the citations say) and the documents citing it. The API
// calls it a "directive" (/api/directives/, the `directive` filter and facet, `most_cited`),
// though it may be any type: a Kết luận, a Nghị quyết, a Quyết định...
struct CitedDocument {
  std::string number;
  std::optional<std::string> type, issuer, date, subject;
  std::optional<std::string> document_id;  // the archived text itself, if present
  std::size_t citing_count = 0;
  std::size_t undated = 0;  // citing documents with neither a date nor an estimate
  std::optional<std::string> first_cited, last_cited;
  std::map<std::string, std::size_t> per_year, per_province;
  // Which province reported when: primary province -> year -> citing documents.
  std::map<std::string, std::map<std::string, std::size_t>> per_province_year;
  // Provinces in force at the text's date (63 before the 2025 merger, 34 after; see
  // corpus/provinces.h) that no citing document has as its primary province.
  std::vector<std::string> not_reported;
  // What the citing documents do with it (corpus/citation_relation.h): relation slug -> documents;
  // "" for those that only mention it.
  std::map<std::string, std::size_t> per_relation;
  std::vector<Hit> citing;  // newest first
};

}  // namespace tracuu::indexer
