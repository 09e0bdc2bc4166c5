// What the search page shows of the filters in force, through the real server on the sample:
// they stay visible and removable when nothing is found, a suggestion keeps them, and a wrong
// date range is said in words.
#include "server_fixture.h"

namespace tracuu::test {
namespace {

class SearchPageFilters : public ServerFaults {};

bool has(const std::string& page, const std::string& text) {
  return page.find(text) != std::string::npos;
}

TEST_F(SearchPageFilters, ZeroResultsStillShowTheFiltersAsRemovableChips) {
  auto port = start(options());
  // Lào Cai and the year 1990: nothing in the sample.
  Got page = get(port, "/search?q=d%C3%A2n+v%E1%BA%ADn&province=L%C3%A0o+Cai&year=1990");
  ASSERT_EQ(page.status, 200);
  ASSERT_TRUE(has(page.body, "data-total=\"0\"")) << "the sample changed: pick another year";
  EXPECT_TRUE(has(page.body, "aria-label=\"Bộ lọc đang dùng\""));
  // Each chip removes its own filter and keeps the rest.
  EXPECT_TRUE(has(page.body, "href=\"/search?q=d%C3%A2n%20v%E1%BA%ADn&amp;year=1990\""));
  EXPECT_TRUE(
      has(page.body, "href=\"/search?q=d%C3%A2n%20v%E1%BA%ADn&amp;province=L%C3%A0o%20Cai\""));
  EXPECT_TRUE(has(page.body, "Xóa bộ lọc"));
  // The form still holds both, checked, so changing another filter does not drop them.
  EXPECT_TRUE(has(page.body, "name=\"province\" value=\"Lào Cai\" checked"));
  EXPECT_TRUE(has(page.body, "name=\"year\" value=\"1990\" checked"));
}

TEST_F(SearchPageFilters, TheSuggestionKeepsTheFilters) {
  auto port = start(options());
  Got page = get(port, "/search?q=dan+van&province=L%C3%A0o+Cai");
  ASSERT_TRUE(has(page.body, "Có phải bạn muốn tìm"));
  EXPECT_TRUE(
      has(page.body, "href=\"/search?q=d%C3%A2n%20v%E1%BA%ADn&amp;province=L%C3%A0o%20Cai\""))
      << page.body.substr(page.body.find("Có phải"), 300);
}

TEST_F(SearchPageFilters, AnInvertedDateRangeIsExplained) {
  auto port = start(options());
  Got api = get(port, "/api/search?q=d%C3%A2n&from=2020-01-01&to=2019-01-01");
  EXPECT_EQ(api.status, 400);
  EXPECT_EQ(api.json()["error"]["code"], "bad_range");
  Got page = get(port, "/search?q=d%C3%A2n&from=2020-01-01&to=2019-01-01");
  EXPECT_EQ(page.status, 400);
  EXPECT_TRUE(has(page.body, "ngày bắt đầu sau ngày kết thúc"));
}

TEST_F(SearchPageFilters, HeadingAndSortSayWhatWasDone) {
  auto port = start(options());
  Got phrase = get(port, "/search?q=%22d%C3%A2n+v%E1%BA%ADn%22");
  EXPECT_TRUE(has(phrase.body, "kết quả cho &quot;dân vận&quot;</h1>"));
  EXPECT_FALSE(has(phrase.body, "“&quot;"));
  // The home page lists the newest documents, and its sort box says "Mới nhất".
  Got home = get(port, "/");
  EXPECT_TRUE(has(home.body, "<option value=\"date\" selected>Mới nhất"));
}

// Checking a year keeps the other years choosable with the counts they would add, so 2019-2021
// can be picked one after the other; other facets still count within the chosen years.
TEST_F(SearchPageFilters, ChoosingAYearKeepsTheOtherYearsWithTheirCounts) {
  auto port = start(options());
  auto all = get(port, "/api/search?q=&size=1").json();
  const auto& years = all["facets"]["year"];
  ASSERT_GE(years.size(), 2u) << "the sample needs documents of two years";
  std::string y1 = years[0][0], y2 = years[1][0];
  std::size_t c1 = years[0][1], c2 = years[1][1];

  auto one = get(port, "/api/search?q=&size=1&year=" + y1).json();
  EXPECT_EQ(one["total"], c1);
  nlohmann::json expected_years = years;
  EXPECT_EQ(one["facets"]["year"], expected_years) << "the year facet ignores its own filter";
  std::size_t type_sum = 0;
  for (const auto& t : one["facets"]["type"]) type_sum += t[1].get<std::size_t>();
  std::size_t all_type_sum = 0;
  for (const auto& t : all["facets"]["type"]) all_type_sum += t[1].get<std::size_t>();
  EXPECT_LT(type_sum, all_type_sum) << "the type facet counts within the chosen year";

  auto both = get(port, "/api/search?q=&size=1&year=" + y1 + "&year=" + y2).json();
  EXPECT_EQ(both["total"], c1 + c2);

  Got page = get(port, "/search?q=&year=" + y1);
  EXPECT_TRUE(has(page.body, "name=\"year\" value=\"" + y1 + "\" checked"));
  EXPECT_TRUE(has(page.body, "name=\"year\" value=\"" + y2 + "\""))
      << "the other year is still offered";
}

}  // namespace
}  // namespace tracuu::test
