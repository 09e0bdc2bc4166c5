// Hits of a small index: the fields a result list shows and the snippet for the query.
#include "hits.h"

#include <gtest/gtest.h>

#include "small_index.h"

TEST(Hits, AHitShowsTheStoredFieldsAndASnippetForTheQuery) {
  auto d = tracuu::test::document("kh-1", "Kế hoạch dân vận", "Tăng cường công tác dân vận.");
  d.date_estimated = "2019-02-03";
  d.type = "ke-hoach";
  d.provinces = {"Sơn La", "Lào Cai"};
  d.primary_province = "Sơn La";
  tracuu::corpus::Citation c;
  c.number = "114-KL/TW";
  d.citations = {c};
  auto db = tracuu::test::small_index("hits", {d});
  auto h = tracuu::indexer::make_hit(db.get_document(1), 1.5, {"dân"});
  EXPECT_EQ(h.id, "kh-1");
  EXPECT_EQ(h.title, "Kế hoạch dân vận");
  EXPECT_EQ(h.date, "2019-02-03");
  EXPECT_TRUE(h.date_estimated);
  EXPECT_EQ(h.type, "ke-hoach");
  EXPECT_EQ(h.primary_province, "Sơn La");
  EXPECT_EQ(h.provinces, (std::vector<std::string>{"Sơn La", "Lào Cai"}));
  EXPECT_EQ(h.citations, (std::vector<std::string>{"114-KL/TW"}));
  EXPECT_EQ(h.score, 1.5);
  EXPECT_NE(h.snippet.find("<mark>dân</mark>"), std::string::npos) << h.snippet;
}

TEST(Hits, StoredDataThatIsNotJsonGivesEmptyFields) {
  auto f = tracuu::indexer::read_hit_fields("{\"id\": \"x\", \"title\": ");
  EXPECT_TRUE(f.id.empty());
  EXPECT_EQ(f.type, "news");
  auto g =
      tracuu::indexer::read_hit_fields(R"({"id":"y","paragraphs":[{"text":"a"},{"text":"b"}]})");
  EXPECT_EQ(g.text, "a\nb") << "text joined from paragraphs";
}
