// The bundled sample corpus (data/sample) and the real seeds (../shared, optional).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "test_util.h"

TEST(SampleCorpus, EveryFileIsReadAndEveryDocumentHasATitle) {
  auto all = tracuu::test::read_all(std::string(TRACUU_SOURCE_DIR) + "/data/sample");
  EXPECT_TRUE(all.errors.empty()) << all.errors.front().origin << ": " << all.errors.front().reason;
  EXPECT_GE(all.docs.size(), 40u);
  std::set<std::string> provinces, ids;
  std::size_t citing_114 = 0;
  for (const auto& d : all.docs) {
    EXPECT_FALSE(d.title.empty()) << d.origin;
    EXPECT_TRUE(ids.insert(d.id).second) << "duplicate id " << d.id;
    if (d.primary_province) provinces.insert(*d.primary_province);
    for (const auto& c : d.citations) citing_114 += c.number == "114-KL/TW";
  }
  EXPECT_GE(provinces.size(), 10u);
  EXPECT_GE(citing_114, 10u);
}

TEST(Seeds, RealArticlesGetTitlesCitationsAndProvinces) {
  std::filesystem::path seeds = std::filesystem::path(TRACUU_SHARED_DIR) / "seeds";
  if (!std::filesystem::exists(seeds)) GTEST_SKIP() << "no ../shared/seeds";
  auto all = tracuu::test::read_all(seeds.string());
  ASSERT_EQ(all.docs.size(), 3u);
  for (const auto& d : all.docs) {
    EXPECT_FALSE(d.title.empty());
    EXPECT_FALSE(d.citations.empty()) << d.title;
    EXPECT_TRUE(d.primary_province) << d.title;
    EXPECT_EQ(d.text.find("Tin liên quan"), std::string::npos) << d.title;
  }
}
