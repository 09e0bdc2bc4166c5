// Hits read their fields straight from the stored JSON (no DOM): they must show exactly what
// the full document record says, for every document of the sample and for odd stored data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "index_fixtures.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"

namespace fs = std::filesystem;
using tracuu::indexer::IndexWriter;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::test::fresh_dir;

namespace {

void expect_hit_shows(const tracuu::indexer::Hit& h, const tracuu::corpus::Document& d) {
  EXPECT_EQ(h.id, d.id);
  EXPECT_EQ(h.title, d.title) << d.id;
  EXPECT_EQ(h.date, d.date ? d.date : d.date_estimated) << d.id;
  EXPECT_EQ(h.date_estimated, !d.date && d.date_estimated) << d.id << ": an estimate says so";
  EXPECT_EQ(h.type, d.type) << d.id;
  EXPECT_EQ(h.primary_province, d.primary_province) << d.id;
  EXPECT_EQ(h.provinces, d.provinces) << d.id;
  std::vector<std::string> numbers;
  for (const auto& c : d.citations) numbers.push_back(c.number);
  EXPECT_EQ(h.citations, numbers) << d.id;
}

}  // namespace

TEST(HitFields, EveryHitShowsItsDocumentsRecord) {
  auto db = fresh_dir("sample");
  {
    IndexWriter w(db.string(), {});
    w.index_paths({std::string(TRACUU_SOURCE_DIR) + "/data/sample"});
  }
  Searcher s(db.string());
  SearchRequest all;
  all.limit = 1000;
  auto res = s.search(all);
  ASSERT_GE(res.hits.size(), 40u);
  std::size_t with_citations = 0, with_province = 0;
  for (const auto& h : res.hits) {
    auto d = s.document(h.id);
    ASSERT_TRUE(d) << h.id;
    expect_hit_shows(h, *d);
    with_citations += d->citations.empty() ? 0 : 1;
    with_province += d->primary_province ? 1 : 0;
    // The snippet comes from the text joined back from the stored paragraphs.
    SearchRequest one;
    one.query = "\"" + d->title + "\"";
    for (const auto& hit : s.search(one).hits)
      if (hit.id == h.id) {
        EXPECT_NE(hit.snippet.find("<mark>"), std::string::npos) << h.id;
      }
  }
  EXPECT_GT(with_citations, 0u);
  EXPECT_GT(with_province, 0u);
  for (const auto& r : s.related(res.hits.front().id, 8)) expect_hit_shows(r, *s.document(r.id));
  fs::remove_all(db);
}

TEST(HitFields, MissingAndUnusualFieldsReadAsTheDocumentRecordDoes) {
  auto db = fresh_dir("odd");
  tracuu::corpus::Document d;
  d.id = "la-thuong";
  d.title = "Văn bản \"lạ\" \\ có ký tự thoát\n";
  d.date_estimated = "2019-05-01";  // no date: the estimate is shown
  d.type = "bao-cao";
  d.provinces = {"Hà Giang", "Lào Cai"};
  d.citations = {{"114-KL/TW", "Kết luận", {}, {}, {}, {}, false, {}},
                 {"", {}, {}, {}, {}, {}, false, {}}};
  d.paragraphs = {{tracuu::corpus::Paragraph::Kind::kHeading, "Tiêu đề zuzuka"},
                  {tracuu::corpus::Paragraph::Kind::kBody, "Đoạn hai có zuzuka."}};
  d.text = "Tiêu đề zuzuka\nĐoạn hai có zuzuka.";
  d.extra = {{"text", "không phải văn bản"}, {"id", "khong-phai"}, {"provinces", {"X"}}};
  {
    IndexWriter w(db.string(), {});
    w.upsert(d);
    w.commit();
  }
  Searcher s(db.string());
  SearchRequest r;
  r.query = "zuzuka";
  auto res = s.search(r);
  ASSERT_EQ(res.hits.size(), 1u);
  auto stored = s.document("la-thuong");
  ASSERT_TRUE(stored);
  expect_hit_shows(res.hits[0], *stored);
  EXPECT_EQ(res.hits[0].date, "2019-05-01");
  EXPECT_EQ(res.hits[0].provinces, (std::vector<std::string>{"Hà Giang", "Lào Cai"}));
  EXPECT_NE(res.hits[0].snippet.find("<mark>zuzuka</mark>"), std::string::npos);
  EXPECT_EQ(res.hits[0].snippet.find("không phải"), std::string::npos);
  fs::remove_all(db);
}

// A hit dated by an estimate says so (the pages show "(ước tính)"); a stated date does not.
TEST(HitFields, AnEstimatedDateIsMarkedAsOne) {
  auto db = fresh_dir("estimated");
  auto stated = tracuu::test::document("co-ngay", "Hội nghị dân vận có ngày đăng", "");
  stated.date = "2017-08-03";
  auto estimated = tracuu::test::document("uoc-tinh", "Hội nghị dân vận không ghi ngày", "");
  estimated.date_estimated = "2017-08-03";
  tracuu::test::write_documents(db, {stated, estimated});
  Searcher s(db.string());
  SearchRequest r;
  r.query = "hội nghị";
  auto res = s.search(r);
  ASSERT_EQ(res.hits.size(), 2u);
  for (const auto& h : res.hits) {
    EXPECT_EQ(h.date.value_or(""), "2017-08-03") << h.id;
    EXPECT_EQ(h.date_estimated, h.id == "uoc-tinh") << h.id;
    EXPECT_EQ(tracuu::indexer::to_json(h)["date_estimated"], h.id == "uoc-tinh") << h.id;
  }
  fs::remove_all(db);
}
