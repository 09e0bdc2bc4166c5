// The one vocabulary of document types: what the extractor emits for official texts, and how
// users' spellings of a type map onto it.
#include "tracuu/corpus/document_types.h"

#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "test_util.h"

using tracuu::corpus::type_label;
using tracuu::corpus::typed_type_slug;
using tracuu::test::extract_text;

namespace {

// A directive of the Secretariat as it is printed: the type line in capitals, the organ on the
// line below it, then the subject.
const char* kDirective =
    "BAN CHẤP HÀNH TRUNG ƯƠNG\n"
    "*\n"
    "Số 49-CT/TW\n"
    "Hà Nội, ngày 20 tháng 10 năm 2015\n"
    "CHỈ THỊ\n"
    "CỦA BAN BÍ THƯ\n"
    "về tăng cường công tác dân vận ở xã, phường trong tình hình mới\n"
    "Thời gian qua, các cấp ủy đảng đã quan tâm lãnh đạo công tác dân vận ở cơ sở.\n"
    "T/M BAN BÍ THƯ\n";

std::string upper(std::string_view s) {
  std::string out;
  icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())))
      .toUpper(icu::Locale("vi"))
      .toUTF8String(out);
  return out;
}

}  // namespace

TEST(DocumentTypes, ADirectivesOwnTextIsAChiThiWithItsSubjectAsTitle) {
  auto d = extract_text(kDirective);
  ASSERT_TRUE(d.header);
  EXPECT_EQ(d.header->doc_type.value_or(""), "Chỉ thị");
  EXPECT_EQ(d.type, "chi-thi") << "was 'news', shown as 'Tin tức'";
  EXPECT_EQ(d.title,
            "Chỉ thị 49-CT/TW về tăng cường công tác dân vận ở xã, phường trong tình hình mới")
      << "was 'Văn bản 49-CT/TW'";
  EXPECT_EQ(d.header->issuer.value_or(""), "Ban Bí thư");
}

TEST(DocumentTypes, AnOfficialTextWithoutACapitalTypeLineTakesTheTypeOfItsNumber) {
  auto d = extract_text(
      "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 49-CT/TW\nHà Nội, ngày 20 tháng 10 năm 2015\n"
      "Chỉ thị của Ban Bí thư\nCác cấp ủy đảng tăng cường công tác dân vận ở cơ sở.\n");
  ASSERT_TRUE(d.header);
  EXPECT_EQ(d.type, "chi-thi");
  EXPECT_EQ(d.title.rfind("Chỉ thị 49-CT/TW", 0), 0u) << d.title;
}

TEST(DocumentTypes, AnOfficialTextOfNoKnownTypeIsAVanBanNotNews) {
  auto d = extract_text(
      "QUỐC HỘI\nSố: 12/2021/QH15\nHà Nội, ngày 9 tháng 6 năm 2021\n"
      "Quốc hội thảo luận về kế hoạch phát triển kinh tế - xã hội.\n");
  ASSERT_TRUE(d.header);
  EXPECT_EQ(d.type, "van-ban");
  EXPECT_EQ(type_label(d.type), "Văn bản");
}

TEST(DocumentTypes, APhapLenhIsLabelledPhapLenh) {
  auto d = extract_text(
      "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nPháp lệnh số: 02/2022/UBTVQH15\n"
      "Hà Nội, ngày 11 tháng 1 năm 2022\nPHÁP LỆNH\nChi phí tố tụng\n"
      "Ủy ban Thường vụ Quốc hội ban hành Pháp lệnh về chi phí tố tụng.\n");
  EXPECT_EQ(d.type, "phap-lenh");
  EXPECT_EQ(type_label(d.type), "Pháp lệnh") << "the page showed the bare slug";
}

// Every type name a header can carry gives a slug that the pages can label.
TEST(DocumentTypes, EveryHeaderTypeGetsASlugWithALabel) {
  for (const auto& t : tracuu::corpus::document_types()) {
    if (t.name.empty()) continue;
    auto d = extract_text(
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA\nSố: 15/KH-UBND\n"
        "Sơn La, ngày 3 tháng 4 năm 2021\n" +
        upper(t.name) +
        " về công tác dân vận năm 2021\n"
        "Các sở, ngành triển khai thực hiện.\n");
    EXPECT_EQ(d.type, t.slug) << t.name;
    EXPECT_NE(type_label(d.type), d.type) << t.name << ": no label";
    EXPECT_EQ(d.header->doc_type.value_or(""), t.name);
  }
}

TEST(DocumentTypes, AFilterAcceptsTheSlugTheLabelOrTheNameWithOrWithoutAccents) {
  EXPECT_EQ(typed_type_slug("ke-hoach").value_or(""), "ke-hoach");
  EXPECT_EQ(typed_type_slug("Kế hoạch").value_or(""), "ke-hoach");
  EXPECT_EQ(typed_type_slug("ke hoach").value_or(""), "ke-hoach");
  EXPECT_EQ(typed_type_slug("Tin tức").value_or(""), "news");
  EXPECT_EQ(typed_type_slug("bo luat").value_or(""), "luat");
  EXPECT_EQ(typed_type_slug("PHÁP LỆNH").value_or(""), "phap-lenh");
  EXPECT_FALSE(typed_type_slug("sách trắng"));
}

TEST(DocumentTypes, CitationsNameTheirTypeAsTheTableWritesIt) {
  auto d = extract_text(
      "Sơn La triển khai văn bản của Trung ương\n"
      "Tỉnh ủy quán triệt THÔNG TRI số 05-TT/TW và KẾT LUẬN số 114-KL/TW tới các chi bộ.\n");
  bool seen = false;
  for (const auto& c : d.citations)
    if (c.number == "114-KL/TW") {
      seen = true;
      EXPECT_EQ(c.type.value_or(""), "Kết luận");
    }
  EXPECT_TRUE(seen);
  for (const auto& c : d.citations) {
    if (c.number == "05-TT/TW") {
      EXPECT_EQ(c.type.value_or(""), "Thông tri") << "kept in capitals";
    }
  }
}
