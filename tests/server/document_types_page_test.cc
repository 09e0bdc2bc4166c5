// What a user sees of document types in the pages and the API: every type the extractor emits
// has its Vietnamese label, and a directive's own text is a "Chỉ thị", never "Tin tức".
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "server_fixture.h"
#include "tracuu/corpus/extractor.h"

namespace fs = std::filesystem;
using tracuu::test::get;

namespace {

tracuu::corpus::Document extract(const std::string& text) {
  tracuu::corpus::RawDocument raw;
  raw.format = tracuu::corpus::RawDocument::Format::kText;
  raw.origin = "inline.txt";
  raw.content = text;
  return tracuu::corpus::Extractor::shared().extract(raw);
}

class DocumentTypePages : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = fs::temp_directory_path() / ("tracuu-types-" + std::to_string(getpid()));
    fs::remove_all(db_);
    {
      tracuu::indexer::IndexWriter w(db_.string(), {});
      directive_id_ = write(w,
                            "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 49-CT/TW\n"
                            "Hà Nội, ngày 20 tháng 10 năm 2015\nCHỈ THỊ\nCỦA BAN BÍ THƯ\n"
                            "về tăng cường công tác dân vận ở cơ sở\n"
                            "Các cấp ủy đảng quan tâm lãnh đạo công tác dân vận ở cơ sở.\n");
      write(w,
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nPháp lệnh số: 02/2022/UBTVQH15\n"
            "Hà Nội, ngày 11 tháng 1 năm 2022\nPHÁP LỆNH\nChi phí tố tụng\n"
            "Ủy ban Thường vụ Quốc hội ban hành Pháp lệnh về chi phí tố tụng và dân vận.\n");
      write(w,
            "Sơn La đẩy mạnh dân vận khéo\nCác xã ở Sơn La thực hiện Chỉ thị 49-CT/TW về công "
            "tác dân vận ở cơ sở.\n");
      w.commit();
    }
    tracuu::server::ServerOptions o;
    o.db_path = db_.string();
    o.port = 0;
    o.threads = 2;
    o.access_log = false;
    server_ = std::make_unique<tracuu::server::SearchServer>(o);
    server_->start();
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(db_);
  }
  static std::string write(tracuu::indexer::IndexWriter& w, const std::string& text) {
    auto d = extract(text);
    w.upsert(d);
    return d.id;
  }
  std::uint16_t port() const { return server_->port(); }

  fs::path db_;
  std::string directive_id_;
  std::unique_ptr<tracuu::server::SearchServer> server_;
};

}  // namespace

TEST_F(DocumentTypePages, TheSearchPageLabelsEveryTypeInHitsAndFacet) {
  auto page = get(port(), "/search?q=d%C3%A2n+v%E1%BA%ADn");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("<span class=\"badge type\">Pháp lệnh</span>"), std::string::npos)
      << "phap-lenh was shown as its slug";
  EXPECT_NE(page.body.find("<span class=\"badge type\">Chỉ thị</span>"), std::string::npos);
  EXPECT_NE(page.body.find("<span class=\"badge type\">Tin tức</span>"), std::string::npos);
  EXPECT_EQ(page.body.find(">phap-lenh"), std::string::npos);
  EXPECT_EQ(page.body.find("Văn bản 49-CT/TW"), std::string::npos);
  // The type facet: the box of the directive's slug carries its label.
  auto box = page.body.find("value=\"chi-thi\"");
  ASSERT_NE(box, std::string::npos) << "no Chỉ thị in the type facet";
  const std::string label = "Chỉ thị";
  EXPECT_EQ(page.body.compare(page.body.find("> ", box) + 2, label.size(), label), 0);
}

TEST_F(DocumentTypePages, ADirectivesOwnTextIsAChiThiInTheApiAndOnItsPage) {
  auto api = get(port(), "/api/search?q=&size=10").json();
  bool facet = false;
  for (const auto& entry : api["facets"]["type"])
    facet = facet || (entry[0] == "chi-thi" && entry[1] == 1);
  EXPECT_TRUE(facet) << api["facets"]["type"];
  for (const auto& h : api["hits"])
    if (h["id"] == directive_id_) {
      EXPECT_EQ(h["type"], "chi-thi");
      EXPECT_EQ(h["title"].get<std::string>().rfind("Chỉ thị 49-CT/TW", 0), 0u) << h["title"];
    }
  auto page = get(port(), "/d/" + directive_id_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<dt>Loại</dt><dd>Chỉ thị</dd>"), std::string::npos);
  // A user filtering by the label finds it.
  auto by_label = get(port(), "/api/search?q=&type=Ch%E1%BB%89+th%E1%BB%8B").json();
  EXPECT_EQ(by_label["total"], 1) << by_label;
}
