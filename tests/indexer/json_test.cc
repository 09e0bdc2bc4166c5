// The `tracuu search --json` shape: facets are ordered [name, count] arrays, so the order the
// library chose (most frequent first, years newest first) survives JSON.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "index_fixtures.h"

using tracuu::indexer::SearchResult;
using tracuu::test::fresh_dir;

namespace {

std::string run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  while (pipe && std::fgets(buf, sizeof buf, pipe.get())) out += buf;
  return out;
}

}  // namespace

TEST(Json, FacetsAreOrderedArraysOfNameAndCount) {
  SearchResult r;
  r.facets["year"] = {{"2019", 1}, {"2017", 7}, {"2016", 2}};
  r.facets["province"] = {{"Sơn La", 9}, {"Lào Cai", 3}, {"An Giang", 1}};
  auto j = tracuu::indexer::to_json(r);
  EXPECT_EQ(j["facets"]["year"], nlohmann::json::parse(R"([["2019",1],["2017",7],["2016",2]])"));
  EXPECT_EQ(j["facets"]["province"],
            nlohmann::json::parse(R"([["Sơn La",9],["Lào Cai",3],["An Giang",1]])"));
  EXPECT_EQ(j["facets"]["type"], nlohmann::json::array()) << "a facet with no values is []";
}

TEST(Json, TracuuSearchJsonListsYearsNewestFirstAndProvincesByCount) {
  auto db = fresh_dir("json-cli");
  std::vector<tracuu::corpus::Document> docs;
  for (int y : {2016, 2018, 2017, 2019}) {
    auto d = tracuu::test::document("d" + std::to_string(y), "Báo cáo năm " + std::to_string(y),
                                    "Công tác dân vận.");
    d.date = std::to_string(y) + "-01-02";
    d.provinces = {y == 2016 ? "An Giang" : "Yên Bái"};
    docs.push_back(d);
  }
  tracuu::test::write_documents(db, docs);
  auto out = run(std::string(TRACUU_CLI_PATH) + " search --json --db " + db.string() + " ''");
  auto j = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out;
  EXPECT_EQ(j["facets"]["year"],
            nlohmann::json::parse(R"([["2019",1],["2018",1],["2017",1],["2016",1]])"))
      << "newest first, not oldest first";
  EXPECT_EQ(j["facets"]["province"], nlohmann::json::parse(R"([["Yên Bái",3],["An Giang",1]])"))
      << "most frequent first, not alphabetical";
  std::filesystem::remove_all(db);
}
