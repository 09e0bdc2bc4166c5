// News records whose "title" is really the article's lead (or a photo caption): lists must show a
// headline-length title, and the lead must stay searchable in the body.
#include <gtest/gtest.h>

#include "tracuu/corpus/extractor.h"

namespace {

tracuu::corpus::Document extract_record(const std::string& title, const std::string& url,
                                        const std::string& text) {
  tracuu::corpus::RawDocument raw;
  raw.format = tracuu::corpus::RawDocument::Format::kJson;
  raw.origin = "tin.jsonl:1";
  raw.content = text;
  raw.fields = {{"id", "tin-1"}, {"title", title}, {"url", url}, {"text", text}};
  return tracuu::corpus::Extractor::shared().extract(raw);
}

const char* kLead =
    "Chiều 12/3, tại hội trường xã Tân Lập, Ban Dân vận Huyện ủy tổ chức hội nghị tổng kết mô "
    "hình dân vận khéo năm 2025. Hội nghị có sự tham gia của hơn 120 đại biểu đến từ các thôn, "
    "bản và đoàn thể trong huyện.";
const char* kBody =
    "Năm qua, toàn huyện xây dựng 36 mô hình mới.\nNhiều mô hình được nhân rộng ra các xã.";

TEST(LeadTitle, ALeadInTheTitleFieldBecomesTheFirstParagraphAndASentenceTheTitle) {
  auto d = extract_record(
      kLead, "https://tin.example.vn/xa-hoi/huyen-tong-ket-dan-van-kheo-20250312101010123.htm",
      kBody);
  EXPECT_EQ(d.title,
            "Chiều 12/3, tại hội trường xã Tân Lập, Ban Dân vận Huyện ủy tổ chức hội nghị tổng kết "
            "mô hình dân vận khéo năm 2025");
  ASSERT_FALSE(d.paragraphs.empty());
  EXPECT_EQ(d.paragraphs.front().text, kLead) << "the lead is kept, as the body's first paragraph";
  EXPECT_NE(d.text.find("hơn 120 đại biểu"), std::string::npos);
}

TEST(LeadTitle, AShortCaptionThatIsNotTheAddressHeadlineAlsoGoesToTheBody) {
  const char* caption =
      "Cán bộ xã Tân Lập hướng dẫn người dân làm hồ sơ trực tuyến (Ảnh: Minh Hà).";
  auto d = extract_record(
      caption,
      "https://tin.example.vn/xa-hoi/mo-hinh-mot-cua-thong-minh-o-vung-cao-20250312101010123.htm",
      kBody);
  EXPECT_EQ(d.paragraphs.front().text, caption);
  EXPECT_EQ(d.title, "Cán bộ xã Tân Lập hướng dẫn người dân làm hồ sơ trực tuyến (Ảnh: Minh Hà)");
}

TEST(LeadTitle, AnAbbreviatedTitleDoesNotEndTheSentence) {
  auto d = extract_record(
      "Đại sứ Pháp trao tặng huân chương cho PGS. Trần Văn An ngày 14/4. Ảnh: Thu Hà",
      "https://tin.example.vn/giang-vien-nhan-huan-chuong-cao-quy-20250414101010123.htm", kBody);
  EXPECT_EQ(d.title, "Đại sứ Pháp trao tặng huân chương cho PGS. Trần Văn An ngày 14/4");
}

TEST(LeadTitle, ALongLeadWithoutAShortSentenceIsCutAtAWord) {
  std::string lead =
      "Theo báo cáo của Sở Nội vụ tỉnh gửi Ủy ban nhân dân tỉnh về kết quả thực hiện quy chế dân "
      "chủ ở cơ sở trong các cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập và doanh "
      "nghiệp nhà nước trên địa bàn";
  auto d = extract_record(lead, "https://tin.example.vn/bao-cao-quy-che-dan-chu.htm", kBody);
  EXPECT_LE(d.title.size(), 120u * 3);
  EXPECT_EQ(d.title.rfind("…"), d.title.size() - std::string("…").size());
  EXPECT_EQ(d.title.find("Theo báo cáo của Sở Nội vụ tỉnh"), 0u);
  EXPECT_EQ(d.paragraphs.front().text, lead);
}

TEST(LeadTitle, AHeadlineThatMatchesItsAddressStaysAsItIs) {
  const char* headline = "Huyện Tân Lập tổng kết mô hình dân vận khéo năm 2025";
  auto d = extract_record(
      headline,
      "https://tin.example.vn/xa-hoi/huyen-tan-lap-tong-ket-mo-hinh-dan-van-kheo-nam-2025-"
      "20250312101010123.htm",
      kBody);
  EXPECT_EQ(d.title, headline);
  EXPECT_EQ(d.paragraphs.front().text, "Năm qua, toàn huyện xây dựng 36 mô hình mới.");
  // Without an address, a headline-length title is trusted.
  auto plain = extract_record(headline, "", kBody);
  EXPECT_EQ(plain.title, headline);
}

}  // namespace
