// FacetSpy over a small index: counts per value, the order users see, and estimates
// scaled to the total when the match stops early.
#include "facets.h"

#include <gtest/gtest.h>

#include "small_index.h"

using tracuu::indexer::FacetCounts;
using tracuu::indexer::FacetSpy;

namespace {

Xapian::WritableDatabase facet_index() {
  std::vector<tracuu::corpus::Document> docs;
  auto add = [&](const std::string& id, const std::string& date, std::vector<std::string> provinces,
                 const std::string& type) {
    auto d = tracuu::test::document(id, "Báo cáo " + id, "Công tác dân vận.");
    d.date = date;
    d.provinces = std::move(provinces);
    d.type = type;
    docs.push_back(d);
  };
  add("a", "2017-01-02", {"Lào Cai", "Sơn La"}, "bao-cao");
  add("b", "2019-03-04", {"Sơn La"}, "bao-cao");
  add("c", "2018-05-06", {"Sơn La"}, "ke-hoach");
  add("d", "2019-07-08", {"An Giang"}, "ke-hoach");
  return tracuu::test::small_index("facets", docs);
}

std::map<std::string, FacetCounts> counts_of(const Xapian::Database& db, Xapian::doccount check,
                                             std::size_t* seen = nullptr) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(std::string()));
  FacetSpy spy(db, true);
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, check);
  if (seen) *seen = spy.seen();
  return spy.counts(1.0);
}

}  // namespace

TEST(Facets, CountsEveryValueMostFrequentFirstAndYearsNewestFirst) {
  auto db = facet_index();
  auto f = counts_of(db, db.get_doccount());
  EXPECT_EQ(f["province"], (FacetCounts{{"Sơn La", 3}, {"An Giang", 1}, {"Lào Cai", 1}}))
      << "a document counts once for each of its provinces; ties by name";
  EXPECT_EQ(f["type"], (FacetCounts{{"bao-cao", 2}, {"ke-hoach", 2}}));
  EXPECT_EQ(f["year"], (FacetCounts{{"2019", 2}, {"2018", 1}, {"2017", 1}}));
  EXPECT_TRUE(f["directive"].empty());
}

TEST(Facets, SeesOnlyTheSampleTheMatchShowsIt) {
  auto db = facet_index();
  std::size_t seen = 0;
  counts_of(db, 2, &seen);
  EXPECT_LE(seen, 2u);  // fewer documents than matched: the caller scales and says "about"
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(std::string()));
  FacetSpy spy(db, false);  // read values one document at a time, as over several shards
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 0, db.get_doccount());
  auto scaled = spy.counts(3.0);
  EXPECT_EQ(scaled["year"].front(), (std::pair<std::string, std::size_t>{"2019", 6}));
}
