// PDFs and scans made from the sample texts come out with the text version's metadata and text.
#include <gtest/gtest.h>

#include "../fixtures/pdf_fixtures.h"
#include "test_util.h"
#include "tracuu/corpus/extractor.h"

namespace tracuu::test {
namespace {

corpus::Document extract_file(const std::filesystem::path& path,
                              corpus::RawDocument::Format format) {
  corpus::RawDocument raw;
  raw.format = format;
  raw.origin = path.string();
  raw.content = slurp_file(path);
  return corpus::Extractor::shared().extract(raw);
}

corpus::Document text_version() {
  auto all = read_all(std::string(TRACUU_SOURCE_DIR) + "/data/sample/ke-hoach-01.txt");
  if (all.docs.size() != 1) throw std::runtime_error("sample ke-hoach-01.txt not read");
  return all.docs[0];
}

std::vector<std::string> texts(const corpus::Document& d) {
  std::vector<std::string> out;
  for (const auto& p : d.paragraphs) out.push_back(p.text);
  return out;
}

TEST(Pdf, TextLayerComesOutLikeTheTextVersionWithPagesAndNoFurniture) {
  auto pdf = extract_file(pdf_fixtures() / "ke-hoach-01.pdf", corpus::RawDocument::Format::kPdf);
  auto txt = text_version();
  expect_same_metadata(pdf, txt);
  EXPECT_EQ(pdf.header->subject, txt.header->subject);
  // Same paragraphs: the two-column header read column by column, wrapped lines joined, the
  // page numbers and the running footer ("... - trang 2") gone.
  EXPECT_EQ(texts(pdf), texts(txt));
  EXPECT_EQ(pdf.citations.size(), txt.citations.size());
  EXPECT_EQ(pdf.pages, 4);
  EXPECT_FALSE(pdf.ocr.has_value());
  ASSERT_FALSE(pdf.paragraphs.empty());
  EXPECT_EQ(pdf.paragraphs.front().page, 1);
  EXPECT_EQ(pdf.paragraphs.back().page, 4);  // the signature block has its own page
  for (const auto& p : pdf.paragraphs) {
    if (p.text.rfind("II. ", 0) == 0) {
      EXPECT_EQ(p.page, 3);
    }
    EXPECT_FALSE(p.ocr);
  }
}

TEST(Pdf, PagesAndOcrSurviveTheStoredRecord) {
  auto pdf =
      extract_file(pdf_fixtures() / "ke-hoach-01-scan.pdf", corpus::RawDocument::Format::kPdf);
  auto back = corpus::document_from_json(corpus::to_json(pdf));
  EXPECT_EQ(back.pages, 1);
  ASSERT_TRUE(back.ocr.has_value());
  EXPECT_EQ(back.ocr->pages, 1);
  EXPECT_EQ(back.ocr->mean_confidence, pdf.ocr->mean_confidence);
  ASSERT_FALSE(back.paragraphs.empty());
  EXPECT_EQ(back.paragraphs[0].page, 1);
  EXPECT_TRUE(back.paragraphs[0].ocr);
}

void expect_scan_read(const corpus::Document& scan) {
  auto txt = text_version();
  expect_same_metadata(scan, txt);
  ASSERT_TRUE(scan.ocr.has_value());
  EXPECT_EQ(scan.ocr->pages, 1);
  EXPECT_GT(scan.ocr->mean_confidence, 80);
  double cer = char_error_rate(scan.text, txt.text);
  EXPECT_LE(cer, 0.02) << scan.text;  // the target at 300 dpi
  for (const auto& p : scan.paragraphs) EXPECT_TRUE(p.ocr);
}

TEST(Pdf, ScannedPageWithoutTextLayerIsRecognized) {
  expect_scan_read(
      extract_file(pdf_fixtures() / "ke-hoach-01-scan.pdf", corpus::RawDocument::Format::kPdf));
}

TEST(Ocr, ScannedImageIsRecognized) {
  expect_scan_read(
      extract_file(pdf_fixtures() / "ke-hoach-01-scan.png", corpus::RawDocument::Format::kImage));
}

}  // namespace
}  // namespace tracuu::test

namespace tracuu::test {
namespace {

std::string error_for(const ReadAll& all, const std::string& file) {
  for (const auto& e : all.errors)
    if (e.origin.ends_with("/" + file)) return e.reason;
  return "(no error)";
}

TEST(PdfReader, RefusesBadPdfsAndImagesWithAReasonAndKeepsTheRest) {
  auto dir = temp_dir("bad-pdf");
  for (const char* f : {"encrypted.pdf", "truncated.pdf", "not-a-pdf.pdf", "pages-2000.pdf",
                        "huge.png", "ke-hoach-01.pdf"})
    std::filesystem::copy_file(pdf_fixtures() / f, dir / f);
  // A PDF named like a text file is still read as a PDF (its bytes say so).
  std::filesystem::copy_file(pdf_fixtures() / "ke-hoach-01.pdf", dir / "van-ban.txt");
  auto all = read_all(dir.string());
  EXPECT_EQ(all.docs.size(), 2u);
  for (const auto& d : all.docs) EXPECT_EQ(d.header->number, "01-KH/TU");
  EXPECT_EQ(all.errors.size(), 5u);
  EXPECT_NE(error_for(all, "encrypted.pdf").find("encrypted PDF"), std::string::npos);
  EXPECT_NE(error_for(all, "truncated.pdf").find("truncated"), std::string::npos);
  EXPECT_NE(error_for(all, "not-a-pdf.pdf").find("not a PDF file"), std::string::npos);
  EXPECT_NE(error_for(all, "pages-2000.pdf").find("PDF of 2000 pages, over the limit of 1000"),
            std::string::npos);
  EXPECT_NE(error_for(all, "huge.png").find("image of 100 megapixels (10000x10000)"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tracuu::test
