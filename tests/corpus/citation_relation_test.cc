// Typed citations: what a text does with each document it cites, read from the words before it,
// on hand-written sentences of the kinds plans, reports and news use.
#include "tracuu/corpus/citation_relation.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace {

std::optional<std::string> relation_of(const std::string& text, const std::string& number) {
  auto doc = tracuu::test::extract_text("Văn bản thử\n" + text);
  for (const auto& c : doc.citations)
    if (c.number == number) return c.relation;
  ADD_FAILURE() << number << " not cited in: " << text;
  return std::nullopt;
}

TEST(CitationRelation, ReadsEachKindFromTheWordsBefore) {
  EXPECT_EQ(relation_of("Triển khai thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư.",
                        "114-KL/TW"),
            "trien-khai");
  EXPECT_EQ(relation_of("Hội nghị sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị.",
                        "05-CT/TW"),
            "so-ket");
  EXPECT_EQ(relation_of("Báo cáo tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW.", "25-NQ/TW"),
            "tong-ket");
  EXPECT_EQ(
      relation_of("Các cấp ủy tiếp tục thực hiện Chỉ thị 16/CT-TTg của Thủ tướng.", "16/CT-TTg"),
      "tiep-tuc");
  EXPECT_EQ(
      relation_of("Quyết định này thay thế Quyết định số 12/2019/QĐ-UBND.", "12/2019/QĐ-UBND"),
      "thay-the");
  EXPECT_EQ(relation_of("Sửa đổi, bổ sung một số điều của Quyết định số 15/2020/QĐ-TTg.",
                        "15/2020/QĐ-TTg"),
            "sua-doi");
  EXPECT_EQ(
      relation_of("Sở Nội vụ hướng dẫn thực hiện Nghị định số 30/2020/NĐ-CP.", "30/2020/NĐ-CP"),
      "huong-dan");
  EXPECT_EQ(
      relation_of("Căn cứ Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;",
                  "18-NQ/TW"),
      "can-cu");
  EXPECT_EQ(relation_of("Đảng ủy xã tổ chức quán triệt Kết luận số 01-KL/TW đến cán bộ, đảng viên.",
                        "01-KL/TW"),
            "quan-triet");
}

TEST(CitationRelation, AMentionWithoutACueHasNone) {
  EXPECT_EQ(relation_of("Theo Kết luận số 114-KL/TW, công tác dân vận là nhiệm vụ của cả hệ thống.",
                        "114-KL/TW"),
            std::nullopt);
}

TEST(CitationRelation, ACuedTypeNameIsNotACue) {
  // "Hướng dẫn" names the cited document's type here, not what this text does with it.
  EXPECT_EQ(relation_of("Ban Tuyên giáo ban hành Hướng dẫn số 12-HD/BTGTW về tuyên truyền.",
                        "12-HD/BTGTW"),
            std::nullopt);
}

TEST(CitationRelation, TheClauseEndsAtASentenceOrSemicolon) {
  // "thực hiện" belongs to the first sentence; the second cites without a cue.
  EXPECT_EQ(relation_of("Các xã đã thực hiện tốt nhiệm vụ. Chỉ thị số 49-CT/TW vẫn còn hiệu lực.",
                        "49-CT/TW"),
            std::nullopt);
}

TEST(CitationRelation, AShortNameResolvedInTheTextGetsItsOwnRelation) {
  auto doc = tracuu::test::extract_text(
      "Văn bản thử\nCăn cứ Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư;\n"
      "Đánh giá kết quả sơ kết Kết luận 114 tại địa phương.");
  ASSERT_EQ(doc.citations.size(), 1u);
  EXPECT_EQ(doc.citations[0].relation, "can-cu") << "the first mention's relation is kept";
}

TEST(CitationRelation, LabelsAreVietnamese) {
  EXPECT_EQ(tracuu::corpus::relation_label("so-ket"), "Sơ kết");
  EXPECT_EQ(tracuu::corpus::relation_label("trien-khai"), "Triển khai thực hiện");
}

}  // namespace
