// Snippets: the passage that holds the query words, marked, escaped and cut with "…".
#include "snippets.h"

#include <gtest/gtest.h>

using tracuu::indexer::make_snippet;

TEST(Snippets, MarksQueryWordsInAnyAccentingAndEscapesTheRest) {
  auto s = make_snippet("Hội nghị <b>dân vận</b> khéo của tỉnh.", {"dan", "van"});
  EXPECT_NE(s.find("<mark>dân</mark> <mark>vận</mark>"), std::string::npos) << s;
  EXPECT_NE(s.find("&lt;b&gt;"), std::string::npos) << "markup in the text is escaped: " << s;
  EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
}

TEST(Snippets, ShowsTheWindowWithTheMatchesNotTheStart) {
  std::string filler;
  for (int i = 0; i < 300; ++i) filler += "nội dung khác số " + std::to_string(i) + ". ";
  auto s = make_snippet(filler + "Công tác dân vận chính quyền. " + filler, {"dân", "vận"});
  EXPECT_NE(s.find("<mark>dân</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("…", 0), 0u) << "cut before: " << s;
  EXPECT_NE(s.find("…", s.size() - 3), std::string::npos) << "cut after: " << s;
}

TEST(Snippets, WithoutQueryWordsTheTextStartsTheSnippet) {
  auto s = make_snippet("Kế hoạch triển khai công tác năm 2019.", {});
  EXPECT_EQ(s, "Kế hoạch triển khai công tác năm 2019.");
  EXPECT_EQ(make_snippet("", {"dân"}), "");
}
