// The `tracuu search --json` shape of results, hits and cited-document records (docs/api.md).
#include "tracuu/indexer/searcher.h"

namespace tracuu::indexer {
namespace {

nlohmann::json optional(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// An array of [name, count] keeps the order (most frequent first; years newest first), which an
// object would lose.
nlohmann::json facet_array(const SearchResult& r, const char* name) {
  nlohmann::json out = nlohmann::json::array();
  if (auto it = r.facets.find(name); it != r.facets.end())
    for (const auto& [value, count] : it->second)
      out.push_back(nlohmann::json::array({value, count}));
  return out;
}

}  // namespace

nlohmann::json to_json(const Hit& h) {
  return {{"id", h.id},
          {"title", h.title},
          {"date", optional(h.date)},
          {"date_estimated", h.date_estimated},
          {"type", h.type},
          {"primary_province", optional(h.primary_province)},
          {"provinces", h.provinces},
          {"citations", h.citations},
          {"score", h.score},
          {"snippet", h.snippet}};
}

nlohmann::json to_json(const SearchResult& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) hits.push_back(to_json(h));
  nlohmann::json facets = nlohmann::json::object();
  for (const char* name : kFacetNames) facets[name] = facet_array(r, name);
  return {{"total", r.total},
          {"total_exact", r.total_exact},
          {"hits", hits},
          {"facets", facets},
          {"facets_exact", r.facets_exact},
          {"suggestion", optional(r.suggestion)},
          {"relaxed", r.relaxed},
          {"showing_for", optional(r.showing_for)}};
}

nlohmann::json to_json(const CitedDocument& d) {
  nlohmann::json citing = nlohmann::json::array();
  for (const auto& h : d.citing) citing.push_back(to_json(h));
  return {{"number", d.number},
          {"type", optional(d.type)},
          {"issuer", optional(d.issuer)},
          {"date", optional(d.date)},
          {"subject", optional(d.subject)},
          {"document_id", optional(d.document_id)},
          {"citing_count", d.citing_count},
          {"undated", d.undated},
          {"first_cited", optional(d.first_cited)},
          {"last_cited", optional(d.last_cited)},
          {"per_year", d.per_year},
          {"per_province", d.per_province},
          {"per_province_year", d.per_province_year},
          {"not_reported", d.not_reported},
          {"per_relation", d.per_relation},
          {"citing", citing}};
}

}  // namespace tracuu::indexer
