// One definition of "citing", one count: the directive page, /api/directives and the search's
// `directive` filter agree, and the page names the provinces that have not reported.
#include "server_fixture.h"
#include "tracuu/corpus/extractor.h"

namespace tracuu::test {
namespace {

class CitedDocumentCounts : public ServerFaults {};

TEST_F(CitedDocumentCounts, DirectivePageAndSearchCountTheSameDocuments) {
  auto port = start(options());
  for (const char* number : {"114-KL%2FTW", "49-CT%2FTW", "16%2FCT-TTg"}) {
    SCOPED_TRACE(number);
    auto record = get(port, std::string("/api/directives/") + number).json();
    auto search = get(port, std::string("/api/search?directive=") + number).json();
    EXPECT_EQ(record["citing_count"], search["total"]);
    std::size_t per_year = record["undated"].get<std::size_t>();
    for (const auto& [year, n] : record["per_year"].items()) per_year += n.get<std::size_t>();
    EXPECT_EQ(per_year, record["citing_count"]) << "the timeline and its undated note add up";
  }
}

TEST_F(CitedDocumentCounts, ProvincesThatHaveNotReportedAreNamed) {
  auto port = start(options());
  auto record = get(port, "/api/directives/114-KL%2FTW").json();
  auto missing = record["not_reported"].get<std::vector<std::string>>();
  EXPECT_EQ(missing.size() + record["per_province"].size(), 63u);  // dated 2015: the 63
  auto has = [&](const std::string& p) {
    return std::find(missing.begin(), missing.end(), p) != missing.end();
  };
  EXPECT_TRUE(has("Hà Nội"));
  EXPECT_FALSE(has("Lào Cai"));  // the sample's Lào Cai plan cites it
  Got page = get(port, "/directive/114-KL%2FTW");
  EXPECT_NE(page.body.find("Chưa thấy báo cáo (" + std::to_string(missing.size()) + " tỉnh/thành)"),
            std::string::npos);
}

TEST_F(CitedDocumentCounts, AfterTheMergerAReportCountsForTheMergedProvince) {
  {
    tracuu::indexer::IndexWriter w(db_.string(), {});
    auto extract = [](const std::string& text) {
      tracuu::corpus::RawDocument raw;
      raw.format = tracuu::corpus::RawDocument::Format::kText;
      raw.origin = "inline.txt";
      raw.content = text;
      return tracuu::corpus::Extractor::shared().extract(raw);
    };
    w.upsert(extract(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 199-KL/TW\nHà Nội, ngày 5 tháng 9 năm 2025\nKẾT LUẬN\n"
        "CỦA BAN BÍ THƯ\nvề công tác dân vận sau sắp xếp đơn vị hành chính\n"
        "Các cấp ủy quan tâm công tác dân vận ở xã, phường mới.\n"));
    w.upsert(
        extract("Bắc Kạn quán triệt Kết luận 199-KL/TW\nNgày 20/10/2025, Ban Dân vận ở Bắc "
                "Kạn quán triệt Kết luận số 199-KL/TW về công tác dân vận.\n"));
    w.commit();
  }
  auto port = start(options());
  auto record = get(port, "/api/directives/199-KL%2FTW").json();
  ASSERT_EQ(record["citing_count"], 1);
  auto missing = record["not_reported"].get<std::vector<std::string>>();
  EXPECT_EQ(missing.size(), 33u) << record.dump();
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "Thái Nguyên"), missing.end());
}

}  // namespace
}  // namespace tracuu::test
