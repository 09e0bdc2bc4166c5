// Abbreviations both ways and accent-insensitive, over a real index: "ubnd tinh", "UBND tỉnh" and
// "Ủy ban nhân dân tỉnh" find the same documents; "hdnd" is "HĐND".
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "index_fixtures.h"

namespace fs = std::filesystem;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::test::document;

namespace {

std::set<std::string> ids(Searcher& s, const std::string& q) {
  SearchRequest r;
  r.query = q;
  r.exact = true;  // the strict matches themselves, no relaxed pass
  r.limit = 100;
  std::set<std::string> out;
  for (const auto& h : s.search(r).hits) out.insert(h.id);
  return out;
}

}  // namespace

TEST(Abbreviations, ShortLongAccentlessAndLowercaseFormsFindTheSameDocuments) {
  auto db = tracuu::test::fresh_dir("abbreviations");
  tracuu::test::write_documents(
      db, {document("short", "Thông báo", "UBND tỉnh Yên Bái ban hành kế hoạch phòng chống lũ."),
           document("long", "Tin tỉnh", "Ủy ban nhân dân tỉnh Hà Giang họp phiên thường kỳ."),
           document("scattered", "Tin xã", "Ban công tác dân vận họp với nhân dân tỉnh nhà."),
           document("hdnd", "Kỳ họp", "HĐND tỉnh khóa mới khai mạc kỳ họp thứ nhất."),
           document("hdnd-long", "Kỳ họp", "Hội đồng nhân dân huyện thông qua nghị quyết."),
           document("bhxh", "An sinh", "Bảo hiểm xã hội tỉnh chi trả đúng hạn."),
           document("thpt", "Giáo dục", "Kỳ thi THPT diễn ra an toàn.")});
  Searcher s(db.string());
  const std::set<std::string> committee{"short", "long"};
  EXPECT_EQ(ids(s, "UBND tỉnh"), committee);
  EXPECT_EQ(ids(s, "ubnd tinh"), committee);
  EXPECT_EQ(ids(s, "Ủy ban nhân dân tỉnh"), committee) << "the name, not its scattered words";
  EXPECT_EQ(ids(s, "uy ban nhan dan tinh"), committee);
  const std::set<std::string> council{"hdnd", "hdnd-long"};
  EXPECT_EQ(ids(s, "HĐND"), council);
  EXPECT_EQ(ids(s, "hdnd"), council);
  EXPECT_EQ(ids(s, "hội đồng nhân dân"), council);
  EXPECT_EQ(ids(s, "bhxh"), std::set<std::string>{"bhxh"}) << "from the larger table";
  EXPECT_EQ(ids(s, "trung học phổ thông"), std::set<std::string>{"thpt"});
  EXPECT_EQ(ids(s, "\"ủy ban nhân dân\""), std::set<std::string>{"long"})
      << "a quoted phrase is the words as written";
  fs::remove_all(db);
}

TEST(Abbreviations, LowercaseSyllablesAreNotTakenForAbbreviations) {
  auto db = tracuu::test::fresh_dir("abbreviations-words");
  tracuu::test::write_documents(
      db, {document("tu", "Tin", "Anh ấy tu ở chùa trên núi."),
           document("tinh-uy", "Tin", "TU chỉ đạo các huyện ủy triển khai.")});
  Searcher s(db.string());
  EXPECT_EQ(ids(s, "tu"), (std::set<std::string>{"tu", "tinh-uy"}))
      << "the syllable 'tu' (and the token TU as written) but not every 'tỉnh ủy'";
  EXPECT_EQ(ids(s, "TU chỉ đạo"), std::set<std::string>{"tinh-uy"});
  fs::remove_all(db);
}
