// Formats told by their bytes: a PDF named .txt is a PDF, a text mentioning %PDF- is a text, and a
// file that cannot be read gets one clear error while the rest of the run goes on.
#include "tracuu/corpus/format_detect.h"

#include <gtest/gtest.h>

#include "test_util.h"

using tracuu::corpus::detect_format;
using tracuu::corpus::FileFormat;
using tracuu::test::read_all;
using tracuu::test::temp_dir;
using tracuu::test::write_file;

namespace {

std::string bytes(std::string_view s) { return std::string(s); }

// A zip local file header naming `first_entry`, as zip writers lay it out (30 bytes, then the
// name).
std::string zip_head(const std::string& first_entry, const std::string& data) {
  std::string h("PK\x03\x04", 4);
  h += std::string(22, '\0');
  h += static_cast<char>(first_entry.size());
  h += std::string(3, '\0');
  return h + first_entry + data;
}

std::string ole_with_stream(const std::string& name) {
  std::string out("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  out += std::string(504, '\0');
  for (char c : name) out += std::string{c, '\0'};
  return out;
}

}  // namespace

TEST(FormatDetect, TellsFormatsByMagicNumbers) {
  EXPECT_EQ(detect_format("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj"), FileFormat::kPdf);
  EXPECT_EQ(detect_format("\xEF\xBB\xBF\n%PDF-1.4\n"), FileFormat::kPdf);
  EXPECT_EQ(detect_format(bytes("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR")), FileFormat::kPng);
  EXPECT_EQ(detect_format(bytes("\xFF\xD8\xFF\xE0\0\x10JFIF")), FileFormat::kJpeg);
  EXPECT_EQ(detect_format(std::string("II*\0\x08\0\0\0", 8)), FileFormat::kTiff);
  EXPECT_EQ(detect_format(std::string("MM\0*\0\0\0\x08", 8)), FileFormat::kTiff);
  EXPECT_EQ(detect_format(std::string("\x1F\x8B\x08\0", 4)), FileFormat::kGzip);
  EXPECT_EQ(detect_format(std::string("\x7F"
                                      "ELF\x02\x01\x01\0",
                                      8)),
            FileFormat::kBinary);
}

TEST(FormatDetect, LooksIntoZipAndOleContainers) {
  EXPECT_EQ(detect_format(zip_head("[Content_Types].xml", "...word/document.xml...")),
            FileFormat::kDocx);
  EXPECT_EQ(detect_format(zip_head("mimetype", "application/vnd.oasis.opendocument.text")),
            FileFormat::kOdt);
  EXPECT_EQ(detect_format(zip_head("mimetype", "application/vnd.oasis.opendocument.spreadsheet")),
            FileFormat::kZip);
  EXPECT_EQ(detect_format(zip_head("[Content_Types].xml", "...xl/workbook.xml...")),
            FileFormat::kZip);
  EXPECT_EQ(detect_format(ole_with_stream("WordDocument")), FileFormat::kDoc);
  EXPECT_EQ(detect_format(ole_with_stream("EncryptedPackage")), FileFormat::kEncrypted);
  EXPECT_EQ(detect_format(ole_with_stream("Workbook")), FileFormat::kOle);
}

TEST(FormatDetect, TextStaysText) {
  EXPECT_EQ(detect_format("Tiêu đề\nNội dung."), FileFormat::kText);
  EXPECT_EQ(detect_format("<!doctype html><p>Trang</p>"), FileFormat::kText);
  EXPECT_EQ(detect_format("{\"id\":1}\n"), FileFormat::kText);
  // TCVN3 bytes are high but never NUL.
  EXPECT_EQ(detect_format("C\xabng t\xb8\x63 d\xa9n v\xb9n"), FileFormat::kText);
  EXPECT_EQ(detect_format("Hướng dẫn: lưu tệp thành %PDF-1.4 rồi gửi."), FileFormat::kText);
}

TEST(FormatDetect, RefusedFilesGetOneClearErrorEachAndTheRunGoesOn) {
  auto dir = temp_dir("formats-bad");
  write_file(dir / "a-scan.txt", "%PDF-1.4\n%\xE2\xE3\xCF\xD3\nnot really");
  write_file(dir / "b-locked.docx", ole_with_stream("EncryptedPackage"));
  write_file(dir / "c-sheet.bin", ole_with_stream("Workbook"));
  write_file(dir / "d-archive.zip", zip_head("anh.jpg", "\xFF\xD8\xFF"));
  write_file(dir / "e-good.txt", "Tiêu đề tốt\nNội dung ở tỉnh Lào Cai.\n");
  auto all = read_all(dir.string());
  ASSERT_EQ(all.docs.size(), 1u);
  EXPECT_EQ(all.docs[0].title, "Tiêu đề tốt");
  ASSERT_EQ(all.errors.size(), 4u);
  EXPECT_NE(all.errors[0].reason.find("PDF"), std::string::npos) << all.errors[0].reason;
  EXPECT_NE(all.errors[1].reason.find("encrypted"), std::string::npos) << all.errors[1].reason;
  EXPECT_NE(all.errors[2].reason.find("spreadsheet"), std::string::npos) << all.errors[2].reason;
  EXPECT_NE(all.errors[3].reason.find("zip"), std::string::npos) << all.errors[3].reason;
}
