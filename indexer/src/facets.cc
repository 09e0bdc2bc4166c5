// FacetSpy: facet values counted as the match runs, read through value streams where it can.
#include "facets.h"

#include <algorithm>

#include "schema.h"

namespace tracuu::indexer {
namespace {

constexpr std::array<Xapian::valueno, 4> kSlots{schema::kFacetProvince, schema::kFacetCited,
                                                schema::kFacetType, schema::kFacetYear};

}  // namespace

// Values are counted through string_views into the slot's string (same splitting as
// schema::split_values): the spy runs for up to kSample documents per search, and a string per
// value and a vector per slot were a visible share of search time.
void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  for (std::size_t f = 0; f < kFacets; ++f) {
    const std::string joined = value(f, doc);
    std::string_view rest(joined);
    while (!rest.empty()) {
      std::size_t nl = std::min(rest.find('\n'), rest.size());
      if (nl > 0) {
        std::string_view v = rest.substr(0, nl);
        if (auto it = counts_[f].find(v); it != counts_[f].end())
          ++it->second;
        else
          counts_[f].emplace(std::string(v), 1);
      }
      rest.remove_prefix(std::min(nl + 1, rest.size()));
    }
  }
}

// Document::get_value looks its slot up from scratch (a B-tree search and a copy of the whole
// value chunk) for each document; the matcher hands the spy documents in ascending docid order,
// so one value stream per slot, moved forward with skip_to, reads each chunk once. A document
// behind a stream's position (never seen so far) falls back to get_value.
std::string FacetSpy::value(std::size_t f, const Xapian::Document& doc) {
  if (!use_streams_) return doc.get_value(kSlots[f]);
  Xapian::docid did = doc.get_docid();
  if (!streams_open_) {
    for (std::size_t i = 0; i < kSlots.size(); ++i) streams_[i] = db_.valuestream_begin(kSlots[i]);
    streams_open_ = true;
  }
  auto& it = streams_[f];
  if (did < last_[f]) return doc.get_value(kSlots[f]);
  last_[f] = did;
  if (it == Xapian::ValueIterator()) return {};
  if (it.get_docid() < did) {
    it.skip_to(did);
    if (it == Xapian::ValueIterator()) return {};
  }
  return it.get_docid() == did ? *it : std::string();
}

FacetCounts FacetSpy::top(std::size_t facet, std::size_t limit, double scale) const {
  FacetCounts out;
  for (const auto& [k, v] : counts_[facet])
    out.emplace_back(k, static_cast<std::size_t>(static_cast<double>(v) * scale + 0.5));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::map<std::string, FacetCounts> FacetSpy::counts(double scale) const {
  std::map<std::string, FacetCounts> out;
  out[kProvinceFacet] = top(0, 50, scale);
  out[kCitedFacet] = top(1, 30, scale);
  out[kTypeFacet] = top(2, 20, scale);
  auto years = top(3, 100, scale);
  std::sort(years.begin(), years.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  out[kYearFacet] = std::move(years);
  return out;
}

}  // namespace tracuu::indexer
