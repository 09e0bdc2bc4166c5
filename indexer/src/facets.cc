// FacetSpy: facet values counted as the match runs, read through value streams where it can;
// RemoteFacets: the same counts from Xapian's own spies, which remote shards can run.
#include "facets.h"

#include <algorithm>

#include "schema.h"

namespace tracuu::indexer {

const std::array<Xapian::valueno, FacetTally::kFacets> FacetTally::kSlots{
    schema::kFacetProvince, schema::kFacetCited, schema::kFacetType, schema::kFacetYear};

// Values are counted through string_views into the slot's string (same splitting as
// schema::split_values): the spy runs for up to kSample documents per search, and a string per
// value and a vector per slot were a visible share of search time.
void FacetTally::add_joined(std::size_t facet, std::string_view joined, std::size_t n) {
  std::string_view rest(joined);
  while (!rest.empty()) {
    std::size_t nl = std::min(rest.find('\n'), rest.size());
    if (nl > 0) {
      std::string_view v = rest.substr(0, nl);
      if (auto it = counts_[facet].find(v); it != counts_[facet].end())
        it->second += n;
      else
        counts_[facet].emplace(std::string(v), n);
    }
    rest.remove_prefix(std::min(nl + 1, rest.size()));
  }
}

FacetCounts FacetTally::top(std::size_t facet, std::size_t limit, double scale) const {
  FacetCounts out;
  for (const auto& [k, v] : counts_[facet])
    out.emplace_back(k, static_cast<std::size_t>(static_cast<double>(v) * scale + 0.5));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::map<std::string, FacetCounts> FacetTally::counts(double scale) const {
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

void FacetSpy::operator()(const Xapian::Document& doc, double) {
  ++seen_;
  for (std::size_t f = 0; f < FacetTally::kFacets; ++f) tally_.add_joined(f, value(f, doc), 1);
}

// Document::get_value looks its slot up from scratch (a B-tree search and a copy of the whole
// value chunk) for each document; the matcher hands the spy documents in ascending docid order,
// so one value stream per slot, moved forward with skip_to, reads each chunk once. A document
// behind a stream's position (never seen so far) falls back to get_value.
std::string FacetSpy::value(std::size_t f, const Xapian::Document& doc) {
  const auto& slots = FacetTally::kSlots;
  if (!use_streams_) return doc.get_value(slots[f]);
  Xapian::docid did = doc.get_docid();
  if (!streams_open_) {
    for (std::size_t i = 0; i < slots.size(); ++i) streams_[i] = db_.valuestream_begin(slots[i]);
    streams_open_ = true;
  }
  auto& it = streams_[f];
  if (did < last_[f]) return doc.get_value(slots[f]);
  last_[f] = did;
  if (it == Xapian::ValueIterator()) return {};
  if (it.get_docid() < did) {
    it.skip_to(did);
    if (it == Xapian::ValueIterator()) return {};
  }
  return it.get_docid() == did ? *it : std::string();
}

RemoteFacets::RemoteFacets() {
  for (std::size_t f = 0; f < FacetTally::kFacets; ++f)
    spies_[f] = std::make_unique<Xapian::ValueCountMatchSpy>(FacetTally::kSlots[f]);
}

void RemoteFacets::attach(Xapian::Enquire& enquire) {
  for (auto& spy : spies_) enquire.add_matchspy(spy.get());
}

std::map<std::string, FacetCounts> RemoteFacets::counts(double scale) const {
  FacetTally tally;
  for (std::size_t f = 0; f < FacetTally::kFacets; ++f)
    for (auto it = spies_[f]->values_begin(); it != spies_[f]->values_end(); ++it)
      tally.add_joined(f, *it, it.get_termfreq());
  return tally.counts(scale);
}

}  // namespace tracuu::indexer
