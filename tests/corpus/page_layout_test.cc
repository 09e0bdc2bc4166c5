// Reading order from word boxes: columns, joined lines, mended hyphens, dropped page furniture.
// A private header of the corpus library: the layout rules are unit-tested on their own.
#include "../../corpus/src/page_layout.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tracuu::corpus {
namespace {

std::size_t chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Words of one line of text starting at x, 6 points a character; justified (spaces stretched)
// so that the line ends at `right` when that is given, as wrapped lines of a printed page do.
void put(std::vector<Word>& words, const std::string& text, double x, double y, double right = 0) {
  std::istringstream in(text);
  std::vector<std::string> ws;
  for (std::string w; in >> w;) ws.push_back(w);
  double used = 0;
  for (const auto& w : ws) used += 6.0 * static_cast<double>(chars(w));
  double gap =
      right > 0 && ws.size() > 1 ? (right - x - used) / static_cast<double>(ws.size() - 1) : 6;
  for (const auto& w : ws) {
    double width = 6.0 * static_cast<double>(chars(w));
    words.push_back({w, {x, y, x + width, y + 12}, true});
    x += width + gap;
  }
}

TEST(PageLayout, ReadsATwoColumnHeaderLeftColumnFirst) {
  std::vector<Word> words;
  put(words, "TỈNH ỦY LÀO CAI", 90, 60);
  put(words, "ĐẢNG CỘNG SẢN VIỆT NAM", 330, 60);
  put(words, "*", 140, 76);
  put(words, "Số: 01-KH/TU", 100, 92);
  put(words, "Lào Cai, ngày 3 tháng 1 năm 2016", 320, 92);
  put(words, "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về nâng cao", 85, 140);
  std::vector<std::string> texts;
  for (const auto& l : lines_of(words)) texts.push_back(l.text);
  EXPECT_EQ(texts,
            (std::vector<std::string>{
                "TỈNH ỦY LÀO CAI", "*", "Số: 01-KH/TU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                "Lào Cai, ngày 3 tháng 1 năm 2016",
                "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về nâng cao"}));
}

TEST(PageLayout, JoinsWrappedLinesAndMendsHyphenatedWords) {
  std::vector<Word> words;
  put(words, "Ban Dân vận chủ trì, phối hợp theo dõi, đôn đốc và báo cáo đầy đủ kết quả thực", 85,
      100, 560);
  put(words, "hiện về Ban Thường vụ theo quy định của Điều lệ; xem thêm tài liệu multi-", 85, 116,
      560);
  put(words, "media kèm theo.", 85, 132);
  put(words, "Đoạn sau bắt đầu sau một khoảng trống rõ ràng giữa hai đoạn văn bản.", 85, 160);
  auto paragraphs = paragraphs_of(lines_of(words));
  ASSERT_EQ(paragraphs.size(), 2u);
  EXPECT_EQ(paragraphs[0],
            "Ban Dân vận chủ trì, phối hợp theo dõi, đôn đốc và báo cáo đầy đủ kết quả thực "
            "hiện về Ban Thường vụ theo quy định của Điều lệ; xem thêm tài liệu multimedia kèm "
            "theo.");
  EXPECT_EQ(paragraphs[1], "Đoạn sau bắt đầu sau một khoảng trống rõ ràng giữa hai đoạn văn bản.");
}

// A scan's title (trích yếu) and the body under it come from OCR as one block with the body's
// line spacing, the title nearly as wide as the page and the body without a first-line indent:
// the title must still be a paragraph of its own (it becomes the document's title).
TEST(PageLayout, KeepsAWideCenteredTitleApartFromTheBodyBelowIt) {
  std::vector<Word> words;
  put(words, "KẾ HOẠCH", 290, 100);
  put(words, "thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về dân vận", 93, 116,
      552);
  put(words, "Thực hiện Kết luận số 114-KL/TW của Ban Bí thư, Ban Thường vụ Tỉnh ủy ban hành", 85,
      132, 560);
  put(words, "Kế hoạch thực hiện như sau với đầy đủ các nội dung và phân công thật cụ thể", 85, 148,
      560);
  put(words, "cho từng cơ quan.", 85, 164);
  auto paragraphs = paragraphs_of(lines_of(words));
  EXPECT_EQ(
      paragraphs,
      (std::vector<std::string>{
          "KẾ HOẠCH", "thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư về dân vận",
          "Thực hiện Kết luận số 114-KL/TW của Ban Bí thư, Ban Thường vụ Tỉnh ủy ban hành Kế "
          "hoạch thực hiện như sau với đầy đủ các nội dung và phân công thật cụ thể cho từng "
          "cơ quan."}));
}

TEST(PageLayout, KeepsAHyphenBeforeACapitalOrDigit) {
  std::vector<Word> words;
  put(words, "Thực hiện kế hoạch của Tỉnh ủy về công tác dân vận năm nay theo Kết luận 114-", 85,
      100, 560);
  put(words, "KL/TW của Ban Bí thư.", 85, 116);
  auto paragraphs = paragraphs_of(lines_of(words));
  ASSERT_EQ(paragraphs.size(), 1u);
  EXPECT_NE(paragraphs[0].find("114- KL/TW"), std::string::npos) << paragraphs[0];
}

TEST(PageLayout, DropsPageNumbersAndRunningFootersOnly) {
  std::vector<std::vector<Line>> pages;
  for (int p = 1; p <= 3; ++p) {
    std::vector<Word> words;
    if (p > 1) put(words, std::to_string(p), 290, 30);
    put(words, "Nội dung trang " + std::to_string(p), 85, 300);
    put(words, "Tỉnh Ủy Lào Cai - Kế hoạch 01-KH/TU - trang " + std::to_string(p), 85, 800);
    pages.push_back(lines_of(words));
  }
  drop_page_furniture(pages, {842, 842, 842});
  for (int p = 0; p < 3; ++p) {
    ASSERT_EQ(pages[p].size(), 1u) << "page " << p + 1;
    EXPECT_EQ(pages[p][0].text, "Nội dung trang " + std::to_string(p + 1));
  }
}

}  // namespace
}  // namespace tracuu::corpus
