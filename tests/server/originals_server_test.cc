// GET /files/{id} through the real server: the original byte for byte with its type and name
// (RFC 6266/5987, Vietnamese and quotes), the document page's link "Tải bản gốc (PDF, 4 trang,
// ...)" and its paragraphs' page links; 404 in Vietnamese when there is none; hostile ids.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../fixtures/originals.h"
#include "../fixtures/pdf_fixtures.h"
#include "original_file.h"
#include "original_link.h"
#include "server_fixture.h"

namespace fs = std::filesystem;
using tracuu::test::get;

namespace {

const fs::path kFormats = fs::path(TRACUU_SOURCE_DIR) / "tests/fixtures/formats";
const std::string kVietnameseName = "Kế hoạch \"số 1\" (bản ký).docx";

class OriginalsServer : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tracuu-originals-srv-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    fs::copy_file(tracuu::test::pdf_fixtures() / "ke-hoach-01.pdf", dir_ / "in/ke-hoach-01.pdf");
    fs::copy_file(kFormats / "ke-hoach-01.docx", dir_ / "in" / kVietnameseName);
    fs::copy_file(kFormats / "ke-hoach-05.tcvn3.txt", dir_ / "in/ke-hoach-05.tcvn3.txt");
    fs::copy_file(fs::path(TRACUU_SOURCE_DIR) / "data/sample/tin-11.txt", dir_ / "in/tin-11.txt");
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }
  std::uint16_t index_and_serve(bool keep = true) {
    tracuu::indexer::IndexOptions o;
    o.keep_originals = keep;
    {
      tracuu::indexer::IndexWriter w((dir_ / "db").string(), o);
      w.index_paths({(dir_ / "in").string()});
    }
    for (const auto& [name, record] : tracuu::test::records_by_original(dir_ / "db"))
      ids_[name] = record["id"];
    tracuu::server::ServerOptions so;
    so.db_path = (dir_ / "db").string();
    so.port = 0;
    so.access_log = false;
    server_ = std::make_unique<tracuu::server::SearchServer>(so);
    server_->start();
    return server_->port();
  }
  std::string bytes_in(const std::string& name) {
    return tracuu::test::slurp_file(dir_ / "in" / name);
  }

  fs::path dir_;
  std::map<std::string, std::string> ids_;  // original's name ("" for none) -> document id
  std::unique_ptr<tracuu::server::SearchServer> server_;
};

}  // namespace

TEST_F(OriginalsServer, APdfIsServedByteForByteToOpenAtItsPages) {
  auto port = index_and_serve();
  std::string id = ids_["ke-hoach-01.pdf"];
  ASSERT_FALSE(id.empty());
  auto file = get(port, "/files/" + id);
  ASSERT_EQ(file.status, 200);
  EXPECT_TRUE(file.body == bytes_in("ke-hoach-01.pdf")) << "the original, byte for byte";
  EXPECT_EQ(file.raw.getContentType(), "application/pdf");
  EXPECT_EQ(file.raw.get("Content-Disposition"),
            "inline; filename=\"ke-hoach-01.pdf\"; filename*=UTF-8''ke-hoach-01.pdf");
  auto record = get(port, "/api/documents/" + id).json()["original"];
  EXPECT_EQ(record["name"], "ke-hoach-01.pdf");
  EXPECT_EQ(record["content_type"], "application/pdf");
  EXPECT_EQ(record["bytes"], file.body.size());
  EXPECT_EQ(record["pages"], 4);
  EXPECT_EQ(record["sha256"].get<std::string>().size(), 64u);
  EXPECT_TRUE(record["ocr"].is_null()) << "a text layer, no OCR";
  EXPECT_EQ(record["url"], "/files/" + id);
  EXPECT_EQ(file.raw.get("ETag"), "\"" + record["sha256"].get<std::string>() + "\"");
  auto page = get(port, "/d/" + id).body;
  std::string label =
      "Tải bản gốc (PDF, 4 trang, " + tracuu::server::size_vi(file.body.size()) + ")";
  EXPECT_NE(page.find("<a class=\"original\" href=\"/files/" + id + "\">" + label + "</a>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("href=\"/files/" + id + "#page=2\""), std::string::npos)
      << "a paragraph of page 2 opens page 2 of the PDF";
}

TEST_F(OriginalsServer, AVietnameseNameWithQuotesIsSentAsRfc5987AndSaved) {
  auto port = index_and_serve();
  std::string id = ids_[kVietnameseName];
  ASSERT_FALSE(id.empty());
  auto file = get(port, "/files/" + id);
  ASSERT_EQ(file.status, 200);
  EXPECT_TRUE(file.body == bytes_in(kVietnameseName));
  EXPECT_EQ(file.raw.getContentType(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(file.raw.get("Content-Disposition"),
            "attachment; filename=\"ke hoach _so 1_ (ban ky).docx\"; "
            "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%22s%E1%BB%91%201%22%20%28b%E1%BA%A3n%"
            "20k%C3%BD%29.docx");
  EXPECT_EQ(file.raw.get("Content-Security-Policy"), "sandbox");
  auto page = get(port, "/d/" + id).body;
  EXPECT_NE(page.find("Tải bản gốc (Word, "), std::string::npos);
  EXPECT_EQ(page.find("#page="), std::string::npos) << "a Word file has no pages to open at";
  // A legacy-encoded text: kept as it was typed, saved, never shown as a page of the site.
  auto legacy = get(port, "/files/" + ids_["ke-hoach-05.tcvn3.txt"]);
  ASSERT_EQ(legacy.status, 200);
  EXPECT_TRUE(legacy.body == bytes_in("ke-hoach-05.tcvn3.txt"));
  EXPECT_EQ(legacy.raw.getContentType(), "text/plain");
  EXPECT_EQ(legacy.raw.get("Content-Disposition").rfind("attachment;", 0), 0u);
}

TEST_F(OriginalsServer, RevalidationAndHeadAnswerWithoutTheBytes) {
  auto port = index_and_serve();
  std::string id = ids_["ke-hoach-01.pdf"];
  auto first = get(port, "/files/" + id);
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Poco::Net::HTTPRequest req("GET", "/files/" + id, Poco::Net::HTTPMessage::HTTP_1_1);
  req.set("If-None-Match", first.raw.get("ETag"));
  session.sendRequest(req);
  Poco::Net::HTTPResponse res;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(res), body);
  EXPECT_EQ(res.getStatus(), 304);
  EXPECT_TRUE(body.empty());
  std::string head =
      tracuu::test::raw_exchange(port, tracuu::test::request_text("/files/" + id, "HEAD"));
  EXPECT_NE(head.find("Content-Length: " + std::to_string(first.body.size())), std::string::npos)
      << head;
  EXPECT_EQ(head.find("%PDF"), std::string::npos) << "HEAD sends no body";
}

TEST_F(OriginalsServer, NoOriginalIsA404InVietnameseAndHostileIdsReachNoFile) {
  auto port = index_and_serve();
  std::string text_id = ids_[""];  // a UTF-8 text: its record is the file, no copy kept
  ASSERT_FALSE(text_id.empty());
  auto none = get(port, "/files/" + text_id);
  EXPECT_EQ(none.status, 404);
  EXPECT_NE(none.body.find("Kho không lưu bản gốc của văn bản này."), std::string::npos);
  EXPECT_EQ(get(port, "/d/" + text_id).body.find("Tải bản gốc"), std::string::npos);
  std::string sha =
      get(port, "/api/documents/" + ids_["ke-hoach-01.pdf"]).json()["original"]["sha256"];
  for (const std::string& hostile : std::vector<std::string>{
           "/files/nope", "/files/..%2F..%2F..%2Fetc%2Fpasswd", "/files/../originals",
           "/files/%2e%2e/%2e%2e/db/iamglass", "/files/" + sha,
           "/files/" + sha.substr(0, 2) + "%2F" + sha.substr(2), "/files/%00",
           "/files/" + std::string(3000, 'a'),
           "/files/" + text_id + "%2F..%2F" + ids_["ke-hoach-01.pdf"]}) {
    SCOPED_TRACE(hostile);
    auto got = get(port, hostile);
    EXPECT_TRUE(got.status == 404 || got.status == 400) << got.status;
    EXPECT_EQ(got.body.find("%PDF"), std::string::npos);
    EXPECT_EQ(got.body.find("root:"), std::string::npos);
  }
  EXPECT_NE(get(port, "/files/nope").body.find("Không tìm thấy văn bản này."), std::string::npos);
}

TEST_F(OriginalsServer, WithoutOriginalsThereIsNoLinkAndNoFile) {
  auto port = index_and_serve(/*keep=*/false);
  EXPECT_FALSE(fs::exists(dir_ / "db/originals"));
  std::string id = ids_["ke-hoach-01.pdf"];
  ASSERT_FALSE(id.empty()) << "the record still names its file";
  auto record = get(port, "/api/documents/" + id).json()["original"];
  EXPECT_EQ(record["pages"], 4);
  EXPECT_TRUE(record["sha256"].is_null());
  EXPECT_FALSE(record.contains("url"));
  EXPECT_EQ(get(port, "/files/" + id).status, 404);
  auto page = get(port, "/d/" + id).body;
  EXPECT_EQ(page.find("Tải bản gốc"), std::string::npos);
  EXPECT_EQ(page.find("/files/"), std::string::npos);
}

TEST(OriginalLabels, SizesAreWrittenTheVietnameseWay) {
  using tracuu::server::size_vi;
  EXPECT_EQ(size_vi(1363149), "1,3 MB");
  EXPECT_EQ(size_vi(3482), "3,4 KB");
  EXPECT_EQ(size_vi(840 * 1024), "840 KB");
  EXPECT_EQ(size_vi(512), "512 byte");
  EXPECT_EQ(size_vi(64 * 1024 * 1024), "64 MB");
  tracuu::corpus::Document doc;
  doc.pages = 12;
  doc.original = tracuu::corpus::OriginalFile{"a.pdf", "application/pdf", 1363149, "ab"};
  EXPECT_EQ(tracuu::server::original_link_label(doc), "Tải bản gốc (PDF, 12 trang, 1,3 MB)");
}

TEST(OriginalLabels, ContentDispositionSurvivesHostileNames) {
  using tracuu::server::content_disposition;
  EXPECT_EQ(content_disposition("attachment", "a\r\nSet-Cookie: x=1\".doc"),
            "attachment; filename=\"a__set-cookie: x=1_.doc\"; "
            "filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1%22.doc");
  EXPECT_EQ(content_disposition("inline", "Nghị quyết 50%.pdf"),
            "inline; filename=\"nghi quyet 50_.pdf\"; "
            "filename*=UTF-8''Ngh%E1%BB%8B%20quy%E1%BA%BFt%2050%25.pdf");
}
