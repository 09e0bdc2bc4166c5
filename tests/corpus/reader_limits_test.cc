// Readers under hostile input: NUL bytes, deep nesting, lines over the limit; each refused with
// a reason that says what is true, and the rest of the input still read.
#include <gtest/gtest.h>

#include "gzip_member.h"
#include "test_util.h"
#include "tracuu/corpus/reader.h"

using tracuu::test::gzip_member;
using tracuu::test::read_all;
using tracuu::test::temp_dir;
using tracuu::test::write_file;

namespace {

std::string json_line(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"title\":\"Bài " + id + "\",\"text\":\"" + text + "\"}\n";
}

std::vector<std::string> ids_of(const tracuu::test::ReadAll& all) {
  std::vector<std::string> ids;
  for (const auto& d : all.docs) ids.push_back(d.id);
  return ids;
}

// `pieces` as one gzip file of one member each: zlib reads members as one stream, so a long
// line is written as many small members instead of being compressed whole.
void write_gzip_members(const std::string& path, const std::vector<std::string>& pieces,
                        std::size_t repeat_middle) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::string m = gzip_member(pieces[i]);
    std::size_t times = i == 1 ? repeat_middle : 1;
    for (std::size_t k = 0; k < times; ++k) std::fwrite(m.data(), 1, m.size(), out);
  }
  std::fclose(out);
}

}  // namespace

// gzgets + strlen read "x\0y" as a line ending at the NUL and glued the rest onto the next line.
TEST(ReaderLimits, ANulByteInAJsonLineLosesOnlyThatLine) {
  auto dir = temp_dir("nul-line");
  std::string a = json_line("a", "x");
  a.insert(a.find("x") + 1, std::string(1, '\0') + "y");
  write_file(dir / "docs.jsonl", a + json_line("b", "Nội dung b.") + json_line("c", "Nội dung c."));
  auto all = read_all((dir / "docs.jsonl").string());
  EXPECT_EQ(ids_of(all), (std::vector<std::string>{"b", "c"}));
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_EQ(all.errors[0].origin, (dir / "docs.jsonl").string() + ":1");
  EXPECT_NE(all.errors[0].reason.find("NUL"), std::string::npos) << all.errors[0].reason;
  EXPECT_FALSE(all.errors[0].document_kept);
}

TEST(ReaderLimits, AJsonLinesFileOfNulBytesIsCalledBinaryNotEmpty) {
  auto dir = temp_dir("nul-file");
  write_file(dir / "zeros.jsonl", std::string(1 << 20, '\0'));
  auto all = read_all((dir / "zeros.jsonl").string());
  EXPECT_TRUE(all.docs.empty());
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_NE(all.errors[0].reason.find("binary"), std::string::npos) << all.errors[0].reason;
  write_file(dir / "empty.jsonl", "");
  auto empty = read_all((dir / "empty.jsonl").string());
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].reason, "empty file");
}

TEST(ReaderLimits, ADeeplyNestedJsonLineIsRefusedAndTheOthersRead) {
  auto dir = temp_dir("deep-json");
  const int depth = 70000;
  std::string deep = "{\"id\":\"sau\",\"text\":\"x\",\"extra\":" + std::string(depth, '[') +
                     std::string(depth, ']') + "}\n";
  write_file(dir / "docs.jsonl", json_line("a", "Một.") + deep + json_line("b", "Hai."));
  auto all = read_all((dir / "docs.jsonl").string());
  EXPECT_EQ(ids_of(all), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_NE(all.errors[0].origin.find(":2"), std::string::npos);
  EXPECT_NE(all.errors[0].reason.find("nested deeper than 64"), std::string::npos)
      << all.errors[0].reason;
  // Within the limit nesting is kept as an extra field.
  std::string ok = "{\"id\":\"c\",\"text\":\"Ba.\",\"tags\":" + std::string(20, '[') +
                   std::string(20, ']') + "}\n";
  write_file(dir / "ok.jsonl", ok);
  auto kept = read_all((dir / "ok.jsonl").string());
  ASSERT_EQ(kept.docs.size(), 1u);
  EXPECT_TRUE(kept.docs[0].extra.contains("tags"));
}

// The line is dropped as soon as it passes the limit: the reader never holds it whole.
TEST(ReaderLimits, ALineOverTheLimitIsReportedAndTheNextLineRead) {
  auto dir = temp_dir("long-line");
  std::string path = (dir / "bomb.jsonl.gz").string();
  write_gzip_members(
      path, {json_line("a", "Một."), std::string(1 << 20, 'x'), "\n" + json_line("b", "Hai.")}, 8);
  tracuu::corpus::ReadLimits limits;
  limits.max_bytes = 4u << 20;
  tracuu::test::ReadAll all;
  tracuu::corpus::read_path(
      path,
      [&](tracuu::corpus::RawDocument&& raw) {
        all.docs.push_back(tracuu::corpus::Extractor::shared().extract(raw));
      },
      [&](const tracuu::corpus::ReadError& e) { all.errors.push_back(e); }, limits);
  EXPECT_EQ(ids_of(all), (std::vector<std::string>{"a", "b"}));
  ASSERT_EQ(all.errors.size(), 1u);
  EXPECT_EQ(all.errors[0].origin, path + ":2");
  EXPECT_EQ(all.errors[0].reason, "line over 4 MB, not read");
}

TEST(ReaderLimits, AGzipFileOverTheLimitIsRefusedWhileDecompressing) {
  auto dir = temp_dir("gz-limit");
  std::string path = (dir / "bomb.txt.gz").string();
  write_gzip_members(path, {"Tiêu đề\n", std::string(1 << 20, 'x'), "\n"}, 8);
  tracuu::corpus::ReadLimits limits;
  limits.max_bytes = 4u << 20;
  std::vector<tracuu::corpus::ReadError> errors;
  std::size_t docs = 0;
  tracuu::corpus::read_path(
      path, [&](tracuu::corpus::RawDocument&&) { ++docs; },
      [&](const tracuu::corpus::ReadError& e) { errors.push_back(e); }, limits);
  EXPECT_EQ(docs, 0u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].reason, "decompressed over 4 MB, not read");
}

// A notice about a document that was read anyway is a field, not words inside the reason.
TEST(ReaderLimits, NoticesAboutKeptDocumentsAreMarkedAsSuch) {
  auto dir = temp_dir("notice");
  write_file(dir / "cu.txt", "Ti\xEAu \xF0\xE8 c\xFB\nN\xF4i dung c\xFB.\n");
  write_file(dir / "docs.jsonl", "{\"id\":\"a\",\"text\":\"N\xF4i dung.\"}\n{bad}\n");
  auto all = read_all(dir.string());
  EXPECT_EQ(all.docs.size(), 2u);
  ASSERT_EQ(all.errors.size(), 3u);
  for (const auto& e : all.errors) {
    EXPECT_EQ(e.reason.find("kept"), std::string::npos) << e.reason;
    EXPECT_EQ(e.document_kept, e.reason != "not a JSON object") << e.origin << ": " << e.reason;
  }
}

// Gumbo parsed 100,000 nested divs in 40 s (its scope checks walk the whole stack) and the
// recursive walks over its tree overflowed the stack. Such a file is refused before parsing.
TEST(ReaderLimits, HtmlNestedTooDeeplyIsRefusedAndTheNextFileRead) {
  auto dir = temp_dir("deep-html");
  std::string deep = "<html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  write_file(dir / "a-deep.html", deep + "Chữ ở đáy.</body></html>");
  write_file(dir / "b-good.txt", "Tiêu đề tốt\nNội dung.\n");
  write_file(dir / "c.jsonl",
             "{\"id\":\"h\",\"html\":\"" + deep + "\"}\n" + json_line("d", "Bốn."));
  auto all = read_all(dir.string());
  EXPECT_EQ(all.docs.size(), 2u);
  ASSERT_EQ(all.errors.size(), 2u);
  EXPECT_EQ(all.errors[0].origin, (dir / "a-deep.html").string());
  EXPECT_EQ(all.errors[0].reason, "HTML nested deeper than 400 elements, not read");
  EXPECT_EQ(all.errors[1].origin, (dir / "c.jsonl").string() + ":1");
  EXPECT_EQ(all.errors[1].reason, "HTML nested deeper than 400 elements, not read");
}

// Below the limit nothing is cut: the body walk used to stop at depth 200 and drop the text.
TEST(ReaderLimits, HtmlNestedUnderTheLimitKeepsItsText) {
  auto dir = temp_dir("nested-html");
  std::string html = "<html><head><title>Văn bản lồng sâu</title></head><body>";
  for (int i = 0; i < 350; ++i) html += i % 2 ? "<section>" : "<div>";
  html += "<p>Đoạn văn ở tầng sâu nhất.</p></body></html>";
  write_file(dir / "nested.html", html);
  auto all = read_all(dir.string());
  EXPECT_TRUE(all.errors.empty());
  ASSERT_EQ(all.docs.size(), 1u);
  EXPECT_NE(all.docs[0].text.find("Đoạn văn ở tầng sâu nhất."), std::string::npos);
}
