// Request filters: every repeatable filter is OR within its field (years too), AND across fields,
// and malformed dates or years are refused by the library with a code the caller can word.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "index_fixtures.h"

using tracuu::indexer::QueryError;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::test::fresh_dir;

namespace {

// One plan per year 2016-2019 in Sơn La, and one of 2017 in Lào Cai.
std::filesystem::path yearly_index(const std::string& name) {
  auto db = fresh_dir(name);
  std::vector<tracuu::corpus::Document> docs;
  for (int y = 2016; y <= 2019; ++y) {
    auto d = tracuu::test::document("kh-" + std::to_string(y),
                                    "Kế hoạch dân vận năm " + std::to_string(y),
                                    "Công tác dân vận chính quyền.");
    d.date = std::to_string(y) + "-05-10";
    d.type = "ke-hoach";
    d.provinces = {"Sơn La"};
    d.primary_province = "Sơn La";
    docs.push_back(d);
  }
  auto lc = tracuu::test::document("kh-lc", "Kế hoạch dân vận Lào Cai", "Dân vận khéo.");
  lc.date = "2017-03-01";
  lc.provinces = {"Lào Cai"};
  docs.push_back(lc);
  tracuu::test::write_documents(db, docs);
  return db;
}

std::set<std::string> ids(const tracuu::indexer::SearchResult& r) {
  std::set<std::string> out;
  for (const auto& h : r.hits) out.insert(h.id);
  return out;
}

}  // namespace

TEST(Filters, RepeatedYearsAreOredNotARange) {
  auto db = yearly_index("years");
  Searcher s(db.string());
  SearchRequest r;
  r.years = {"2016", "2019"};
  auto res = s.search(r);
  EXPECT_EQ(ids(res), (std::set<std::string>{"kh-2016", "kh-2019"}))
      << "2017 and 2018 lie between the two years but were not asked for";
  std::set<std::string> years;
  for (const auto& [year, n] : res.facets.at("year")) years.insert(year);
  EXPECT_EQ(years, (std::set<std::string>{"2016", "2019"}));
  std::filesystem::remove_all(db);
}

TEST(Filters, YearsCombineWithOtherFieldsAndDates) {
  auto db = yearly_index("years-and");
  Searcher s(db.string());
  SearchRequest r;
  r.years = {"2017", "2018"};
  r.provinces = {"lao cai"};
  EXPECT_EQ(ids(s.search(r)), (std::set<std::string>{"kh-lc"}));
  r.provinces.clear();
  r.from = "2017-04-01";
  EXPECT_EQ(ids(s.search(r)), (std::set<std::string>{"kh-2017", "kh-2018"}));
  std::filesystem::remove_all(db);
}

TEST(Filters, MalformedDatesAndYearsAreRefusedWithTheirField) {
  auto db = yearly_index("bad-dates");
  Searcher s(db.string());
  auto error_of = [&](SearchRequest r) -> std::pair<std::string, std::string> {
    try {
      s.search(r);
    } catch (const QueryError& e) {
      return {e.code, e.param};
    }
    return {"", ""};
  };
  SearchRequest r;
  r.from = "2020-13-01";
  EXPECT_EQ(error_of(r), (std::pair<std::string, std::string>{"bad_date", "from"}));
  r.from.reset();
  r.to = "hom-qua";
  EXPECT_EQ(error_of(r), (std::pair<std::string, std::string>{"bad_date", "to"}));
  r.to.reset();
  r.years = {"2019", "20x9"};  // the second one is checked too
  EXPECT_EQ(error_of(r), (std::pair<std::string, std::string>{"bad_year", "year"}));
  r.years.clear();
  r.query = std::string(1001, 'a');
  EXPECT_EQ(error_of(r), (std::pair<std::string, std::string>{"query_too_long", "query"}));
  std::filesystem::remove_all(db);
}
