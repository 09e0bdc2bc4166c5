// A scanned PDF indexed end to end: searchable, its pages and OCR confidence in the API, the OCR
// badge on its page; bad PDFs in the same run are reported and the rest is kept.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "../fixtures/pdf_fixtures.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/server/server.h"

namespace fs = std::filesystem;

namespace {

std::string get(std::uint16_t port, const std::string& uri, int* status = nullptr) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest req("GET", uri, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(req);
  Poco::Net::HTTPResponse res;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(res), body);
  if (status) *status = res.getStatus();
  return body;
}

TEST(PdfServer, ScannedPdfIsSearchableWithPagesConfidenceAndTheOcrBadge) {
  auto dir = fs::temp_directory_path() / ("tracuu-pdf-srv-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "in");
  for (const char* f : {"ke-hoach-01-scan.pdf", "encrypted.pdf", "not-a-pdf.pdf"})
    fs::copy_file(tracuu::test::pdf_fixtures() / f, dir / "in" / f);
  std::vector<std::string> errors;
  tracuu::indexer::IndexOptions opts;
  opts.on_error = [&](const std::string& origin, const std::string& reason) {
    errors.push_back(origin + ": " + reason);
  };
  tracuu::indexer::IndexStats stats;
  {
    tracuu::indexer::IndexWriter w((dir / "db").string(), opts);
    stats = w.index_paths({(dir / "in").string()});
  }
  EXPECT_EQ(stats.added, 1u);
  EXPECT_EQ(stats.failed, 2u);
  ASSERT_EQ(errors.size(), 2u);
  tracuu::server::ServerOptions so;
  so.db_path = (dir / "db").string();
  so.port = 0;
  so.access_log = false;
  tracuu::server::SearchServer server(so);
  server.start();
  auto hits = nlohmann::json::parse(get(server.port(), "/api/search?q=si%20ma%20cai"))["hits"];
  ASSERT_EQ(hits.size(), 1u);
  auto id = hits[0]["id"].get<std::string>();
  auto doc = nlohmann::json::parse(get(server.port(), "/api/documents/" + id));
  EXPECT_EQ(doc["pages"], 1);
  EXPECT_EQ(doc["ocr"]["pages"], 1);
  EXPECT_GT(doc["ocr"]["mean_confidence"].get<double>(), 80);
  EXPECT_EQ(doc["paragraphs"][0]["page"], 1);
  EXPECT_EQ(doc["paragraphs"][0]["ocr"], true);
  EXPECT_EQ(doc["header"]["number"], "01-KH/TU");
  // The scan itself is kept and served, its OCR summed up in the record of the original.
  EXPECT_EQ(doc["original"]["name"], "ke-hoach-01-scan.pdf");
  EXPECT_EQ(doc["original"]["ocr"]["pages"], 1);
  EXPECT_EQ(doc["original"]["pages"], 1);
  int status = 0;
  std::string original = get(server.port(), "/files/" + id, &status);
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(original == tracuu::test::slurp_file(dir / "in/ke-hoach-01-scan.pdf"));
  std::string page = get(server.port(), "/d/" + id);
  EXPECT_NE(page.find("Văn bản nhận dạng từ ảnh · độ tin cậy"), std::string::npos);
  EXPECT_NE(page.find("data-page=\"1\""), std::string::npos);
  server.stop();
  fs::remove_all(dir);
}

}  // namespace
