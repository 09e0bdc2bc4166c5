// Readers: formats, directories, .gz, bad input reported per file and nothing dropped silently.
#include "tracuu/corpus/reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "test_util.h"

using tracuu::test::read_all;
using tracuu::test::temp_dir;
using tracuu::test::write_file;

TEST(Reader, ReadsHtmlWithoutScriptsMenusOrFooters) {
  auto dir = temp_dir("html");
  write_file(dir / "a.html",
             "<html><head><title>Trang | Cổng</title><meta property=\"og:title\" content=\"Lào Cai "
             "sơ kết Chỉ thị 05\">"
             "<meta property=\"article:published_time\" content=\"2021-03-08T09:00:00+07:00\">"
             "<script>var x='<p>mã độc</p>';</script></head><body><nav>Trang chủ | Tin tức</nav>"
             "<h1>Lào Cai sơ kết Chỉ thị 05</h1><p>Tỉnh ủy Lào Cai sơ kết 5 năm thực hiện Chỉ thị "
             "số 05-CT/TW.</p>"
             "<p>Đoạn thứ hai <b>chưa đóng thẻ<p>Đoạn thứ ba.</div></div>"
             "<footer>Bản quyền</footer></body></html>");
  auto all = read_all(dir.string());
  ASSERT_EQ(all.docs.size(), 1u);
  const auto& d = all.docs[0];
  EXPECT_EQ(d.title, "Lào Cai sơ kết Chỉ thị 05");
  EXPECT_EQ(d.date.value_or(""), "2021-03-08");
  EXPECT_EQ(d.text.find("mã độc"), std::string::npos);
  EXPECT_EQ(d.text.find("Bản quyền"), std::string::npos);
  EXPECT_EQ(d.text.find("Trang chủ"), std::string::npos);
  EXPECT_NE(d.text.find("Đoạn thứ ba."), std::string::npos);
}

TEST(Reader, ReadsJsonLinesKeepingExtraFieldsAndReportingBadLines) {
  auto dir = temp_dir("jsonl");
  write_file(dir / "docs.jsonl",
             "{\"id\":\"a1\",\"title\":\"Bài một\",\"date\":\"2019-02-03\",\"text\":\"Nội dung ở "
             "tỉnh Sơn La.\",\"chuyen_muc\":\"Dân vận\"}\n"
             "{not json}\n"
             "{\"id\":\"a2\",\"title\":\"Bài hai\",\"text\":\"Nội dung hai.\"}\n");
  auto all = read_all((dir / "docs.jsonl").string());
  ASSERT_EQ(all.docs.size(), 2u);
  EXPECT_EQ(all.docs[0].id, "a1");
  EXPECT_EQ(all.docs[0].date.value_or(""), "2019-02-03");
  EXPECT_EQ(all.docs[0].extra.value("chuyen_muc", ""), "Dân vận");
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_NE(all.errors[0].origin.find(":2"), std::string::npos) << "the bad line is named";
}

// JSON lines without a telling name (piped on stdin, "export" files) are still one document per
// line; a text that merely starts with a brace stays one text.
TEST(Reader, RecognizesJsonLinesByContent) {
  auto dir = temp_dir("jsonl-sniff");
  write_file(dir / "export",
             "{\"id\":\"b1\",\"title\":\"Bài một\",\"text\":\"Nội dung một.\"}\n"
             "{\"id\":\"b2\",\"title\":\"Bài hai\",\"text\":\"Nội dung hai.\"}\n");
  auto all = read_all((dir / "export").string());
  ASSERT_EQ(all.docs.size(), 2u);
  EXPECT_EQ(all.docs[1].id, "b2");
  write_file(dir / "note", "{Ghi chú} Tiêu đề\nNội dung văn bản.\n");
  EXPECT_EQ(read_all((dir / "note").string()).docs.size(), 1u);
}

TEST(Reader, ReadsGzipTransparently) {
  auto dir = temp_dir("gz");
  std::string path = (dir / "bai.txt.gz").string();
  gzFile gz = gzopen(path.c_str(), "wb");
  std::string text = "Tiêu đề nén\nNội dung bài viết về tỉnh Hà Giang.\n";
  gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
  gzclose(gz);
  auto all = read_all(path);
  ASSERT_EQ(all.docs.size(), 1u);
  EXPECT_EQ(all.docs[0].title, "Tiêu đề nén");
}

TEST(Reader, ReportsBinaryEmptyAndMissingFilesAndKeepsGoing) {
  auto dir = temp_dir("bad");
  write_file(dir / "a-empty.txt", "");
  write_file(dir / "b-binary.txt", std::string("\x7f"
                                               "ELF\0\0\0\x01",
                                               8));
  write_file(dir / "c-good.txt", "Tiêu đề tốt\nNội dung.\n");
  auto all = read_all(dir.string());
  EXPECT_EQ(all.docs.size(), 1u);
  EXPECT_EQ(all.errors.size(), 2u);
  auto missing = read_all((dir / "nope.txt").string());
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_NE(missing.errors[0].reason.find("no such file"), std::string::npos);
}

TEST(Reader, KeepsInvalidUtf8DocumentsAndSaysSo) {
  auto dir = temp_dir("latin");
  write_file(dir / "cu.txt",
             "Ti\xEAu \xF0\xE8 c\xFB\nN\xF4i dung c\xFB t\xEAn t\xE1i li\xEA\xEA.\n");
  auto all = read_all(dir.string());
  ASSERT_EQ(all.docs.size(), 1u);
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_NE(all.errors[0].reason.find("UTF-8"), std::string::npos);
}

TEST(Reader, HandlesAHugeSingleLineFile) {
  auto dir = temp_dir("huge");
  std::string line = "Tiêu đề\n";
  for (int i = 0; i < 200000; ++i) line += "công tác dân vận ở tỉnh Lai Châu ";
  write_file(dir / "huge.txt", line);
  auto all = read_all(dir.string());
  ASSERT_EQ(all.docs.size(), 1u);
  EXPECT_EQ(all.docs[0].primary_province.value_or(""), "Lai Châu");
}
