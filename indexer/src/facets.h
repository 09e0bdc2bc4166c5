// Facet counts of a search: which provinces, cited documents, types and years its matches have.
#pragma once

#include <xapian.h>

#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "tracuu/indexer/search_result.h"

namespace tracuu::indexer {

// The facet values counted so far, one counter per facet (slots 3-6, '\n'-joined lists), and
// the order users see them in.
class FacetTally {
 public:
  static constexpr std::size_t kFacets = 4;
  static const std::array<Xapian::valueno, kFacets> kSlots;

  // Counts each value of a slot's '\n'-joined list `n` times.
  void add_joined(std::size_t facet, std::string_view joined, std::size_t n);

  // Provinces (top 50), cited documents (30), types (20): most frequent first, ties by name;
  // "year" (100): newest first. Counts are scaled by `scale`.
  std::map<std::string, FacetCounts> counts(double scale) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Counter = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;

  FacetCounts top(std::size_t facet, std::size_t limit, double scale) const;

  std::array<Counter, kFacets> counts_;
};

// Counts the facet values of every document the match looks at, on local shards. When Xapian
// stops early (more matches than the facet sample), counts are scaled to the estimated total
// and marked as estimates. One spy per search; not thread-safe.
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
  std::map<std::string, FacetCounts> counts(double scale) const { return tally_.counts(scale); }

 private:
  std::string value(std::size_t facet, const Xapian::Document& doc);

  const Xapian::Database& db_;
  bool use_streams_;
  bool streams_open_ = false;
  std::array<Xapian::ValueIterator, FacetTally::kFacets> streams_;
  std::array<Xapian::docid, FacetTally::kFacets> last_{};
  std::size_t seen_ = 0;
  FacetTally tally_;
};

// The same counts when shards are remote. A stock xapian-tcpsrv can only rebuild the match spies
// Xapian registers itself (its registry cannot be extended through the public API), so each
// shard counts with one Xapian::ValueCountMatchSpy per slot, which sees a joined list as one
// value; the client splits the lists and adds up their counts, which is exact.
class RemoteFacets {
 public:
  RemoteFacets();
  void attach(Xapian::Enquire& enquire);  // before get_mset
  std::size_t seen() const { return static_cast<std::size_t>(spies_[0]->get_total()); }
  std::map<std::string, FacetCounts> counts(double scale) const;

 private:
  std::array<std::unique_ptr<Xapian::ValueCountMatchSpy>, FacetTally::kFacets> spies_;
};

}  // namespace tracuu::indexer
