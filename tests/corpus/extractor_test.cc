// Metadata extraction on hand-written Vietnamese pages: titles, dates, citations, places, cleaning.
#include "tracuu/corpus/extractor.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"

using tracuu::test::extract_text;

namespace {
const tracuu::corpus::Citation* cited(const tracuu::corpus::Document& d,
                                      const std::string& number) {
  for (const auto& c : d.citations)
    if (c.number == number) return &c;
  return nullptr;
}
bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

const char* kNews =
    "Thứ Ba, 14/5/2024\n"
    "Huyện Chợ Đồn nâng cao hiệu quả dân vận chính quyền\n"
    "Thực hiện Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư (khóa XI) về “nâng cao chất "
    "lượng "
    "công tác dân vận của cơ quan nhà nước”, huyện Chợ Đồn đã ban hành nhiều văn bản chỉ đạo.\n"
    "Năm 2023, UBND huyện tiếp nhận 1.245 hồ sơ, giải quyết đúng hạn 98,6%.\n"
    "Các xã tiếp tục quán triệt Kết luận 114 và Chỉ thị 16/CT-TTg của Thủ tướng Chính phủ.\n"
    "Cán bộ xã Bằng Lãng tuyên truyền cho người dân. (Ảnh: Ngọc Mai)\n"
    "Minh Hằng\n"
    "Tin liên quan\n"
    "Bắc Kạn: Tổng kết phong trào thi đua dân vận khéo\n"
    "Thái Nguyên đối thoại với nông dân\n";
}  // namespace

TEST(Extractor, TakesTheDateLineBeforeTheTitleAsThePublicationDate) {
  auto d = extract_text(kNews);
  EXPECT_EQ(d.title, "Huyện Chợ Đồn nâng cao hiệu quả dân vận chính quyền");
  ASSERT_TRUE(d.date);
  EXPECT_EQ(*d.date, "2024-05-14");
}

TEST(Extractor, FindsCitationsWithDateIssuerSubjectAndKhoa) {
  auto d = extract_text(kNews);
  auto* kl = cited(d, "114-KL/TW");
  ASSERT_NE(kl, nullptr);
  EXPECT_EQ(kl->type.value_or(""), "Kết luận");
  EXPECT_EQ(kl->issuer.value_or(""), "Ban Bí thư");
  EXPECT_EQ(kl->date.value_or(""), "2015-07-14");
  EXPECT_EQ(kl->khoa.value_or(""), "XI");
  EXPECT_NE(kl->subject.value_or("").find("dân vận"), std::string::npos);
  auto* ct = cited(d, "16/CT-TTg");
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->issuer.value_or(""), "Thủ tướng Chính phủ");
  EXPECT_EQ(d.citations.size(), 2u) << "the short form 'Kết luận 114' is the same document";
}

TEST(Extractor, NeverTakesACitedDocumentsDateAsThePageDate) {
  auto d = extract_text(
      "Tỉnh ủy Sơn La triển khai Chỉ thị 05-CT/TW\nThực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 "
      "của Bộ Chính trị, các chi bộ học tập chuyên đề.\n");
  EXPECT_FALSE(d.date);
  ASSERT_TRUE(d.date_estimated);
}

// The estimate is a day the text reports: not a deadline or the end of a range, never a day
// still to come.
TEST(Extractor, EstimatesNeitherDeadlinesNorFutureDays) {
  auto d = extract_text(
      "Dự án BOT kéo dài thời gian thu phí\nKiểm toán Nhà nước ngày 3/8/2017 công bố kết luận: "
      "thời gian thu phí là từ 1/1/2016 đến 16/9/2037, hạn nộp báo cáo trước ngày 30/9/2017. "
      "Lễ kỷ niệm dự kiến vào ngày 2/9/2095.\n");
  EXPECT_FALSE(d.date);
  EXPECT_EQ(d.date_estimated.value_or(""), "2017-08-03");
  // A later year the article speaks of makes its latest full date old news: no estimate.
  d = extract_text(
      "Thanh tra về môi trường\nTrong năm 2017, Thanh tra Bộ tiếp tục thanh tra việc thực hiện thủ "
      "tục từ ngày 1/7/2014 tại các tỉnh, thành phố.\n");
  EXPECT_FALSE(d.date_estimated) << d.date_estimated.value_or("");
}

TEST(Extractor, UnifiesCitationVariants) {
  auto d = extract_text(
      "Tiêu đề\nTheo Kết luận 114/KL-TW và KL 114, cùng Kết luận số 114 - KL/TW, tỉnh tổ chức hội "
      "nghị.\n");
  ASSERT_EQ(d.citations.size(), 1u);
  EXPECT_EQ(d.citations[0].number, "114-KL/TW");
}

TEST(Extractor, ResolvesShortNamesDeclaredInTheDocument) {
  auto d = extract_text(
      "Tiêu đề\nChỉ thị số 49-CT/TW ngày 20/10/2015 của Ban Bí thư (gọi tắt là Chỉ thị 49) được "
      "quán triệt. Sau 5 năm thực hiện Chỉ thị 49, đời sống đồng bào được nâng lên.\n");
  ASSERT_EQ(d.citations.size(), 1u);
  EXPECT_EQ(d.citations[0].number, "49-CT/TW");
}

// Aliases far into a long text, two in one sentence, with short numbers unlike the full ones.
TEST(Extractor, ResolvesAliasesDeclaredDeepInALongText) {
  std::string filler;
  for (int i = 0; i < 40; ++i)
    filler += "Cán bộ, đảng viên trong tỉnh tích cực học tập và làm theo các điển hình tiên tiến. ";
  auto d =
      extract_text("Tiêu đề\n" + filler +
                   "Kế hoạch số 155/KH-UBND ngày 3/4/2021 của UBND tỉnh (sau đây gọi tắt là Kế "
                   "hoạch 01) và Chỉ thị số 05-CT/TU của Tỉnh ủy (gọi tắt là Chỉ thị 1) được "
                   "triển khai. Thực hiện Kế hoạch 01 và Chỉ thị 1, các huyện tổ chức hội nghị.\n");
  std::vector<std::string> numbers;
  for (const auto& c : d.citations) numbers.push_back(c.number);
  EXPECT_EQ(numbers, (std::vector<std::string>{"155/KH-UBND", "05-CT/TU"}));
  EXPECT_TRUE(d.short_citations.empty()) << "Kế hoạch 01 and Chỉ thị 1 are the aliases above";
}

TEST(Extractor, FindsProvincesAndDistrictsThatImplyThem) {
  auto d = extract_text(kNews);
  EXPECT_EQ(d.primary_province.value_or(""), "Bắc Kạn");
  EXPECT_TRUE(has(d.districts, "Chợ Đồn (Bắc Kạn)"));
  EXPECT_EQ(d.province_2025.value_or(""), "Thái Nguyên") << "Bắc Kạn joined Thái Nguyên in 2025";
}

// The gazetteer's source spells some names with the old tone placement ("Hoà Bình", "Thanh
// Thuỷ"); names come out in the canonical spelling, found whichever spelling the text uses.
TEST(Extractor, PlaceNamesWithEitherTonePlacementAreFoundAndCanonical) {
  auto d = extract_text("Tiêu đề\nTỉnh Hòa Bình tổ chức hội nghị dân vận.\n");
  EXPECT_TRUE(has(d.provinces, "Hòa Bình"));
  d = extract_text("Tiêu đề\nTỉnh Hoà Bình tổ chức hội nghị dân vận.\n");
  EXPECT_TRUE(has(d.provinces, "Hòa Bình"));
  d = extract_text("Tiêu đề\nHuyện Thanh Thuỷ tổ chức hội nghị dân vận.\n");
  EXPECT_TRUE(has(d.provinces, "Phú Thọ")) << "Thanh Thủy is a district of Phú Thọ";
  EXPECT_TRUE(has(d.districts, "Thanh Thủy (Phú Thọ)"));
  EXPECT_EQ(d.province_2025.value_or(""), "Phú Thọ");
}

TEST(Extractor, DoesNotTakeAPersonNamedAfterACityForThePlace) {
  auto d = extract_text(
      "Học tập tư tưởng Hồ Chí Minh\nCán bộ tỉnh Lai Châu học tập và làm theo tư tưởng, đạo đức, "
      "phong cách Hồ Chí Minh.\n");
  EXPECT_TRUE(has(d.provinces, "Lai Châu"));
  EXPECT_FALSE(has(d.provinces, "Hồ Chí Minh"));
}

TEST(Extractor, CutsNavigationTailsAndTakesTheByline) {
  auto d = extract_text(kNews);
  EXPECT_EQ(d.text.find("Tin liên quan"), std::string::npos);
  EXPECT_EQ(d.text.find("Thái Nguyên đối thoại"), std::string::npos);
  EXPECT_EQ(d.author.value_or(""), "Minh Hằng");
  bool caption = false;
  for (const auto& p : d.paragraphs)
    caption = caption || (p.kind == tracuu::corpus::Paragraph::Kind::kCaption &&
                          p.text.find("Ảnh") != std::string::npos);
  EXPECT_TRUE(caption);
}

TEST(Extractor, DropsRepeatedParagraphsAndTakesSourceCredits) {
  auto d = extract_text(
      "Tiêu đề bài\nĐoạn một nói về cải cách hành chính.\nĐoạn hai.\nĐoạn một nói về cải cách hành "
      "chính.\n(baosonla.org.vn)\n");
  EXPECT_EQ(d.paragraphs.size(), 2u);
  EXPECT_EQ(d.source.value_or(""), "baosonla.org.vn");
}

TEST(Extractor, ParsesAnOfficialHeaderIntoTheCanonicalRecord) {
  auto d = extract_text(
      "TỈNH ỦY ĐIỆN BIÊN\n*\nSố: 12-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nĐiện Biên, ngày 3 tháng 9 năm "
      "2018\n"
      "KẾ HOẠCH\nthực hiện Chỉ thị số 49-CT/TW của Ban Bí thư\nNội dung kế hoạch...\nNơi nhận:\n");
  ASSERT_TRUE(d.header);
  EXPECT_EQ(d.header->number, "12-KH/TU");
  EXPECT_EQ(d.header->date.value_or(""), "2018-09-03");
  EXPECT_EQ(d.header->place.value_or(""), "Điện Biên");
  EXPECT_EQ(d.header->doc_type.value_or(""), "Kế hoạch");
  EXPECT_EQ(d.header->issuer.value_or(""), "Tỉnh ủy Điện Biên") << "written as in running text";
  EXPECT_EQ(d.type, "ke-hoach");
  EXPECT_EQ(d.date.value_or(""), "2018-09-03");
  EXPECT_TRUE(cited(d, "49-CT/TW"));
  EXPECT_FALSE(cited(d, "12-KH/TU")) << "a text does not cite itself";
}

// Issuers as people write them, whatever the header's capitals and drawing; a Central Committee
// header over a Secretariat text is the Secretariat's (its type line or signature says so).
TEST(Extractor, NamesTheIssuerOfAnOfficialText) {
  auto d = extract_text(
      "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\n-------\nSố: 277/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
      "NAM\nBắc Kạn, ngày 5 tháng 6 năm 2019\nKẾ HOẠCH\nCải cách hành chính năm 2019\nNội dung.\n");
  ASSERT_TRUE(d.header);
  EXPECT_EQ(d.header->issuer.value_or(""), "Ủy ban nhân dân tỉnh Bắc Kạn");
  d = extract_text(
      "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố: 20-KL/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 2 tháng 1 "
      "năm 2018\nKẾT LUẬN CỦA BAN BÍ THƯ\nvề công tác dân vận trong tình hình mới\nNội dung kết "
      "luận.\nT/M BAN BÍ THƯ\n");
  ASSERT_TRUE(d.header);
  EXPECT_EQ(d.header->issuer.value_or(""), "Ban Bí thư");
  EXPECT_EQ(d.header->subject.value_or(""), "về công tác dân vận trong tình hình mới");
  d = extract_text(
      "BỘ NỘI VỤ\n-------\nSố: 05/2023/TT-BNV\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 1 "
      "tháng 6 năm 2023\nTHÔNG TƯ\nHướng dẫn quản lý hồ sơ\nNội dung.\n");
  ASSERT_TRUE(d.header);
  EXPECT_EQ(d.header->issuer.value_or(""), "Bộ Nội vụ");
}

TEST(Extractor, ReadsEthAsDStrokeWhenMatching) {
  auto d =
      extract_text("Tiêu đề\nNghị quyết số 13/2018/NQ-H\u00D0ND của H\u00D0ND tỉnh Quảng Ninh.\n");
  EXPECT_TRUE(cited(d, "13/2018/NQ-HĐND"));
  EXPECT_TRUE(has(d.provinces, "Quảng Ninh"));
}

TEST(Extractor, GivesStableIdsAndNearDuplicateFingerprints) {
  auto a = extract_text(
      "Tiêu đề\nMột bài viết dài về công tác dân vận ở cơ sở, với nhiều chi tiết cụ thể và số "
      "liệu.\n");
  auto b = extract_text(
      "Tiêu đề\nMột bài viết dài về công tác dân vận ở cơ sở, với nhiều chi tiết cụ thể và số "
      "liệu!\n");
  EXPECT_EQ(a.id, extract_text("Tiêu đề\nMột bài viết dài về công tác dân vận ở cơ sở, với nhiều "
                               "chi tiết cụ thể và số liệu.\n")
                      .id);
  EXPECT_LE(__builtin_popcountll(a.fingerprint ^ b.fingerprint), 10);
}

TEST(Extractor, RoundTripsThroughJson) {
  auto d = extract_text(kNews);
  auto back = tracuu::corpus::document_from_json(tracuu::corpus::to_json(d));
  EXPECT_EQ(tracuu::corpus::to_json(back), tracuu::corpus::to_json(d));
}
