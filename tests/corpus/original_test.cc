// What readers hand on of the file itself for the originals store (docs/originals.md): the bytes
// of Word and legacy-encoded files beside their text, a PDF's in its content, nothing for UTF-8
// text; and the record's `original` the extractor makes of it.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../fixtures/pdf_fixtures.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"

namespace fs = std::filesystem;
using tracuu::corpus::RawDocument;

namespace {

const fs::path kFormats = fs::path(TRACUU_SOURCE_DIR) / "tests/fixtures/formats";

RawDocument read_one(const fs::path& path) {
  std::vector<RawDocument> docs;
  tracuu::corpus::read_path(
      path.string(), [&](RawDocument&& raw) { docs.push_back(std::move(raw)); },
      [](const tracuu::corpus::ReadError&) {});
  EXPECT_EQ(docs.size(), 1u) << path;
  return docs.empty() ? RawDocument{} : std::move(docs.front());
}

}  // namespace

TEST(Originals, AWordFileTravelsBesideItsTextAndTheRecordDescribesIt) {
  auto raw = read_one(kFormats / "ke-hoach-01.docx");
  ASSERT_TRUE(raw.original);
  EXPECT_EQ(raw.original->name, "ke-hoach-01.docx");
  EXPECT_EQ(raw.original->content_type,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_TRUE(raw.original->bytes == tracuu::test::slurp_file(kFormats / "ke-hoach-01.docx"));
  auto doc = tracuu::corpus::Extractor::shared().extract(raw);
  ASSERT_TRUE(doc.original);
  EXPECT_EQ(doc.original->bytes, raw.original->bytes.size());
  auto json = tracuu::corpus::to_json(doc)["original"];
  EXPECT_EQ(json["name"], "ke-hoach-01.docx");
  EXPECT_TRUE(json["sha256"].is_null()) << "nothing is stored by extraction alone";
  EXPECT_TRUE(json["pages"].is_null());
  EXPECT_EQ(tracuu::corpus::document_from_json(tracuu::corpus::to_json(doc)).original->bytes,
            doc.original->bytes);
}

TEST(Originals, ALegacyEncodedTextKeepsItsBytesAsTyped) {
  auto raw = read_one(kFormats / "ke-hoach-05.tcvn3.txt");
  ASSERT_TRUE(raw.converted_from);
  ASSERT_TRUE(raw.original);
  EXPECT_EQ(raw.original->content_type, "text/plain");
  EXPECT_TRUE(raw.original->bytes == tracuu::test::slurp_file(kFormats / "ke-hoach-05.tcvn3.txt"));
}

TEST(Originals, APdfsBytesAreItsContentAndItsPagesGoInTheRecord) {
  auto path = tracuu::test::pdf_fixtures() / "ke-hoach-01.pdf";
  auto raw = read_one(path);
  ASSERT_TRUE(raw.original);
  EXPECT_TRUE(raw.original->bytes.empty()) << "not held twice";
  EXPECT_EQ(raw.original->content_type, "application/pdf");
  auto json = tracuu::corpus::to_json(tracuu::corpus::Extractor::shared().extract(raw));
  EXPECT_EQ(json["original"]["bytes"], fs::file_size(path));
  EXPECT_EQ(json["original"]["pages"], 4);
}

TEST(Originals, Utf8TextAndJsonLinesHaveNoOriginal) {
  EXPECT_FALSE(read_one(fs::path(TRACUU_SOURCE_DIR) / "data/sample/tin-11.txt").original);
  EXPECT_FALSE(read_one(fs::path(TRACUU_SOURCE_DIR) / "data/sample/tin-10.txt.gz").original);
  auto jsonl =
      fs::temp_directory_path() / ("tracuu-original-" + std::to_string(::getpid()) + ".jsonl");
  std::ofstream(jsonl) << R"({"id":"a","title":"Thông báo","text":"Nội dung thông báo."})"
                       << "\n";
  EXPECT_FALSE(read_one(jsonl).original);
  fs::remove(jsonl);
}
