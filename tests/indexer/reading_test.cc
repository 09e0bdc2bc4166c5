// The query's best reading over a small index: accents restored over whole words,
// misspellings corrected from indexed words, and the ranking boost of its words.
#include "reading.h"

#include <gtest/gtest.h>

#include "edit_distance.h"
#include "small_index.h"

using tracuu::indexer::best_reading;
using tracuu::indexer::edit_distance;
using tracuu::indexer::join_words;
using tracuu::indexer::restore_accents;

namespace {

Xapian::WritableDatabase reading_index() {
  std::vector<tracuu::corpus::Document> docs;
  // "vẫn" alone is commoner than "vận", but "dân vận" is an indexed word.
  for (int i = 0; i < 4; ++i)
    docs.push_back(tracuu::test::document("v" + std::to_string(i), "Tin " + std::to_string(i),
                                          "Chúng tôi vẫn làm. Họ vẫn đi."));
  for (int i = 0; i < 2; ++i)
    docs.push_back(tracuu::test::document("d" + std::to_string(i), "Công tác dân vận",
                                          "Công tác dân vận chính quyền của tỉnh."));
  return tracuu::test::small_index("reading", docs);
}

}  // namespace

TEST(Reading, AccentsAreRestoredAsWholeWords) {
  auto db = reading_index();
  EXPECT_EQ(join_words(restore_accents(db, {"dan", "van"})), "dân vận");
  EXPECT_EQ(join_words(restore_accents(db, {"van"})), "vẫn") << "alone, the commoner syllable";
  EXPECT_EQ(join_words(restore_accents(db, {"dân", "vẫn"})), "dân vẫn")
      << "accented words stand for themselves";
}

TEST(Reading, MisspelledWordsAreCorrectedFromIndexedWords) {
  auto db = reading_index();
  EXPECT_EQ(join_words(best_reading(db, {"dân", "vậm"})), "dân vận");
  EXPECT_EQ(join_words(best_reading(db, {"cong", "tac"})), "công tác");
  EXPECT_TRUE(best_reading(db, {}).empty());
}

TEST(Reading, TheBoostHoldsTheReadingsIndexedWords) {
  auto boost = tracuu::indexer::reading_boost({"dân", "vận"});
  ASSERT_TRUE(boost);
  EXPECT_NE(boost->get_description().find("Wdân_vận"), std::string::npos)
      << boost->get_description();
  EXPECT_FALSE(tracuu::indexer::reading_boost({"vận"})) << "one syllable is no word";
}

TEST(Reading, EditDistanceCountsVietnameseLettersAsOne) {
  EXPECT_EQ(edit_distance("vận", "vậm"), 1u);
  EXPECT_EQ(edit_distance("vận", "van"), 1u);
  EXPECT_EQ(edit_distance("", "dân"), 3u);
  EXPECT_EQ(edit_distance("dân", "dân"), 0u);
}
