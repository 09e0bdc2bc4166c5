// Facet counts of a search: which provinces, cited documents, types and years its matches have.
#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tracuu/indexer/search_result.h"

namespace tracuu::indexer {

// Counts the facet values ('\n'-joined lists in slots 3-6) of every document the match looks
// at. When Xapian stops early (more matches than the facet sample), counts are scaled to the
// estimated total and marked as estimates. One spy per search; not thread-safe.
class FacetSpy : public Xapian::MatchSpy {
 public:
  // Documents the match shows the spy at most: exact facets below that, scaled estimates above.
  static constexpr Xapian::doccount kSample = 2000;

  // `streams`: read slots through value streams. Only for a single shard: over several shards
  // Xapian runs the spy shard by shard with each shard's own docids, which a stream over the
  // combined database cannot follow.
  FacetSpy(const Xapian::Database& db, bool streams) : db_(db), use_streams_(streams) {}
  void operator()(const Xapian::Document& doc, double) override;
  std::size_t seen() const { return seen_; }

  // Provinces (top 50), cited documents (30), types (20): most frequent first, ties by name;
  // "year" (100): newest first. Counts are scaled by `scale`.
  std::map<std::string, FacetCounts> counts(double scale) const;

 private:
  static constexpr std::size_t kFacets = 4;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Counter = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;

  std::string value(std::size_t facet, const Xapian::Document& doc);
  FacetCounts top(std::size_t facet, std::size_t limit, double scale) const;

  const Xapian::Database& db_;
  bool use_streams_;
  bool streams_open_ = false;
  std::array<Xapian::ValueIterator, kFacets> streams_;
  std::array<Xapian::docid, kFacets> last_{};
  std::size_t seen_ = 0;
  std::array<Counter, kFacets> counts_;
};

}  // namespace tracuu::indexer
