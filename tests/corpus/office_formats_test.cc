// Word, OpenDocument, Word 97 and the legacy Vietnamese encodings, read from the fixtures that
// tests/fixtures/make_formats.py builds out of the sample plans: each must give the metadata its
// plain-text twin in data/sample gives, and bad files one clear error each.
#include <gtest/gtest.h>

#include <chrono>

#include "test_util.h"

using tracuu::corpus::Document;
using tracuu::test::read_all;

namespace {

const std::string kFixtures = std::string(TRACUU_SOURCE_DIR) + "/tests/fixtures/formats/";
const std::string kSample = std::string(TRACUU_SOURCE_DIR) + "/data/sample/";

Document only_document(const std::string& path) {
  auto all = read_all(path);
  EXPECT_EQ(all.docs.size(), 1u) << path;
  return all.docs.empty() ? Document{} : all.docs[0];
}

void expect_same_metadata(const std::string& fixture, const std::string& sample) {
  SCOPED_TRACE(fixture);
  Document got = only_document(kFixtures + fixture), want = only_document(kSample + sample);
  tracuu::test::expect_same_metadata(got, want);
}

}  // namespace

TEST(OfficeFormats, DocxGivesTheMetadataOfItsTextTwinWithTablesAndFootnotes) {
  expect_same_metadata("ke-hoach-01.docx", "ke-hoach-01.txt");
  Document d = only_document(kFixtures + "ke-hoach-01.docx");
  EXPECT_NE(d.text.find("Rà soát thủ tục hành chính | Ủy ban nhân dân tỉnh"), std::string::npos)
      << "a table row is one line, cells in order";
  EXPECT_NE(d.text.find("[1] Bảng phân công do Văn phòng Tỉnh ủy tổng hợp."), std::string::npos)
      << "footnotes follow the text";
  EXPECT_NE(d.text.find("ban hành Kế hoạch thực hiện như sau:[1]"), std::string::npos)
      << "words split over runs are joined, the note reference kept";
}

TEST(OfficeFormats, OdtGivesTheMetadataOfItsTextTwin) {
  expect_same_metadata("ke-hoach-03.odt", "ke-hoach-03.txt");
  Document d = only_document(kFixtures + "ke-hoach-03.odt");
  EXPECT_NE(d.text.find("Theo dõi, đôn đốc | Ban Dân vận Tỉnh ủy"), std::string::npos);
  EXPECT_NE(d.text.find("[1] Bảng phân công"), std::string::npos);
}

TEST(OfficeFormats, Word97GivesTheMetadataOfItsTextTwin) {
  expect_same_metadata("ke-hoach-02.doc", "ke-hoach-02.txt");
  Document d = only_document(kFixtures + "ke-hoach-02.doc");
  EXPECT_NE(d.text.find("Rà soát thủ tục hành chính | Ủy ban nhân dân tỉnh"), std::string::npos);
  EXPECT_FALSE(d.converted_from.has_value()) << "Unicode Word text is not re-read";
}

TEST(OfficeFormats, Tcvn3TextIsConvertedWithItsCapitalsAndSaysSo) {
  expect_same_metadata("ke-hoach-05.tcvn3.txt", "ke-hoach-05.txt");
  auto all = read_all(kFixtures + "ke-hoach-05.tcvn3.txt");
  ASSERT_EQ(all.docs.size(), 1u);
  EXPECT_EQ(all.docs[0].converted_from.value_or(""), "TCVN3 (ABC)");
  EXPECT_EQ(all.docs[0].text.rfind("TỈNH ỦY ĐIỆN BIÊN\n*\nSố: 05-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM", 0),
            0u)
      << all.docs[0].text.substr(0, 80);
  EXPECT_NE(all.docs[0].text.find("Nghị quyết số 18-NQ/TW"), std::string::npos);
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_NE(all.errors[0].reason.find("converted from TCVN3"), std::string::npos);
}

TEST(OfficeFormats, VniTextIsConvertedAndSaysSo) {
  expect_same_metadata("ke-hoach-04.vni.txt", "ke-hoach-04.txt");
  Document d = only_document(kFixtures + "ke-hoach-04.vni.txt");
  EXPECT_EQ(d.converted_from.value_or(""), "VNI Windows");
  EXPECT_NE(d.text.find("học tập và làm theo tư tưởng, đạo đức"), std::string::npos);
}

TEST(OfficeFormats, AZipBombIsRefusedWithAReasonInBoundedTime) {
  auto start = std::chrono::steady_clock::now();
  auto all = read_all(kFixtures + "bad-zip-bomb.docx");
  EXPECT_TRUE(all.docs.empty());
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_NE(all.errors[0].reason.find("zip bomb"), std::string::npos) << all.errors[0].reason;
  EXPECT_NE(all.errors[0].reason.find("100 MB"), std::string::npos) << all.errors[0].reason;
  // Refused from the directory's size, before inflating (a generous bound on a loaded machine).
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(OfficeFormats, CorruptAndTruncatedFilesGetAClearErrorAndTheRunGoesOn) {
  auto dir = tracuu::test::temp_dir("office-bad");
  std::filesystem::copy(kFixtures + "bad-corrupt.docx", dir / "a.docx");
  std::string doc_bytes;
  {
    std::ifstream in(kFixtures + "ke-hoach-02.doc", std::ios::binary);
    doc_bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  tracuu::test::write_file(dir / "b.doc", doc_bytes.substr(0, doc_bytes.size() / 2));
  std::filesystem::copy(kFixtures + "ke-hoach-01.docx", dir / "c.docx");
  auto all = read_all(dir.string());
  ASSERT_EQ(all.docs.size(), 1u);
  EXPECT_EQ(all.docs[0].header ? all.docs[0].header->number : "", "01-KH/TU");
  ASSERT_EQ(all.errors.size(), 2u);
  EXPECT_NE(all.errors[0].reason.find("corrupt zip"), std::string::npos) << all.errors[0].reason;
  EXPECT_NE(all.errors[1].reason.find("truncated Office 97-2003"), std::string::npos)
      << all.errors[1].reason;
}
