// The provinces of a day: 63 before the 2025 merger, 34 after, from data/gazetteer.
#include "tracuu/corpus/provinces.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tracuu::corpus {
namespace {

bool holds(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(Provinces, SixtyThreeBeforeTheMergerThirtyFourAfter) {
  auto before = provinces_in_force(std::string("2015-07-14"));
  EXPECT_EQ(before.size(), 63u);
  EXPECT_TRUE(holds(before, "Bắc Kạn"));
  EXPECT_EQ(provinces_in_force(std::nullopt).size(), 63u);
  auto after = provinces_in_force(std::string(kMergerDate));
  EXPECT_EQ(after.size(), 34u);
  EXPECT_FALSE(holds(after, "Bắc Kạn"));
  EXPECT_TRUE(holds(after, "Thái Nguyên"));
  EXPECT_TRUE(holds(after, "Hòa Bình") == false && holds(before, "Hòa Bình"));
  EXPECT_EQ(province_after_merger("Bắc Kạn"), "Thái Nguyên");
  EXPECT_EQ(province_after_merger("Thái Nguyên"), "Thái Nguyên");
}

}  // namespace
}  // namespace tracuu::corpus
