// The token stream: offsets into the original bytes, types, forms, and word segmentation.
#include "tracuu/tokenizer/tokenizer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>

using tracuu::tokenizer::Token;
using tracuu::tokenizer::Tokenizer;
using tracuu::tokenizer::TokenType;

namespace {
const Tokenizer& tok() { return Tokenizer::shared(); }

const Token* find(const std::vector<Token>& tokens, std::string_view input, std::string_view text) {
  for (const auto& t : tokens)
    if (t.text(input) == text) return &t;
  return nullptr;
}

std::string run_cli(const std::string& args, const std::string& input) {
  // ctest runs tests as parallel processes: each needs its own input file.
  std::string in_path = testing::TempDir() + "/cli_input_" + std::to_string(getpid()) + ".txt";
  std::ofstream(in_path, std::ios::binary) << input;
  std::string cmd = std::string(TRACUU_CLI_PATH) + " " + args + " " + in_path;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe.get())) out.append(buf, n);
  std::remove(in_path.c_str());
  return out;
}
}  // namespace

TEST(Tokenizer, OffsetsPointIntoTheOriginalBytes) {
  std::string input = "Tỉnh uỷ  Lào Cai";
  auto tokens = tok().tokenize(input);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[1].text(input), "uỷ");
  EXPECT_EQ(tokens[1].norm, "ủy");
  EXPECT_EQ(tokens[1].fold, "uy");
  EXPECT_EQ(tokens[3].position, 3u);
}

TEST(Tokenizer, KeepsDocumentNumbersWholeWithCanonicalForm) {
  std::string input = "thực hiện Kết luận số 114/KL-TW, Kế hoạch 277/KH-UBND và Nghị quyết 13/2018/NQ-HÐND.";
  auto tokens = tok().tokenize(input);
  auto* kl = find(tokens, input, "114/KL-TW");
  ASSERT_NE(kl, nullptr);
  EXPECT_EQ(kl->type, TokenType::kDocNum);
  EXPECT_EQ(kl->canonical, "114-KL/TW");
  auto* nq = find(tokens, input, "13/2018/NQ-HÐND");
  ASSERT_NE(nq, nullptr);
  EXPECT_EQ(nq->canonical, "13/2018/NQ-HĐND");
  EXPECT_NE(find(tokens, input, "277/KH-UBND"), nullptr);
}

TEST(Tokenizer, TypesDatesAndNumbersWithVietnameseSeparators) {
  std::string input = "Ngày 20/10/2015 và 20-10-2015, tháng 11/2019: 1.125 hộ, tăng 96,6%";
  auto tokens = tok().tokenize(input);
  auto* d = find(tokens, input, "20/10/2015");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->type, TokenType::kDate);
  EXPECT_EQ(d->canonical, "2015-10-20");
  EXPECT_EQ(find(tokens, input, "20-10-2015")->canonical, "2015-10-20");
  EXPECT_EQ(find(tokens, input, "11/2019")->canonical, "2019-11");
  EXPECT_EQ(find(tokens, input, "1.125")->type, TokenType::kNumber);
  EXPECT_EQ(find(tokens, input, "96,6")->type, TokenType::kNumber);
}

TEST(Tokenizer, ExpandsAbbreviationsFromTheShippedTable) {
  std::string input = "UBND tỉnh và HĐND, phát triển KT-XH";
  auto tokens = tok().tokenize(input);
  EXPECT_EQ(find(tokens, input, "UBND")->expansion, "ủy ban nhân dân");
  EXPECT_EQ(find(tokens, input, "HĐND")->type, TokenType::kAbbrev);
  EXPECT_EQ(find(tokens, input, "KT-XH")->expansion, "kinh tế - xã hội");
}

TEST(Tokenizer, RecognizesUrlsEmailsAndDomains) {
  std::string input = "Nguồn: (baosonla.org.vn) https://vi.example.vn/bai-viet?id=1 lienhe@tinh.gov.vn.";
  auto tokens = tok().tokenize(input);
  EXPECT_EQ(find(tokens, input, "baosonla.org.vn")->type, TokenType::kDomain);
  EXPECT_EQ(find(tokens, input, "https://vi.example.vn/bai-viet?id=1")->type, TokenType::kUrl);
  EXPECT_EQ(find(tokens, input, "lienhe@tinh.gov.vn")->type, TokenType::kEmail);
}

TEST(Tokenizer, SurvivesInvalidUtf8WithOffsetsIntoTheBytes) {
  std::string input = "dân\xFF vận \xC3";
  auto tokens = tok().tokenize(input);
  ASSERT_FALSE(tokens.empty());
  for (const auto& t : tokens) EXPECT_LE(t.end, input.size());
  EXPECT_EQ(tokens.back().end, input.size());
}

TEST(Tokenizer, HandlesEmptyAndHugeInputs) {
  EXPECT_TRUE(tok().tokenize("").empty());
  std::string line;
  for (int i = 0; i < 50000; ++i) line += "công tác dân vận ";  // ~0.9 MB, one line
  auto tokens = tok().tokenize(line);
  EXPECT_EQ(tokens.size(), 200000u);
  std::string digits(2'000'000, '9'), dots(2'000'000, '.');
  EXPECT_EQ(tok().tokenize(digits).size(), 1u);
  EXPECT_EQ(tok().tokenize(dots).size(), 2'000'000u);
}

TEST(Segmenter, JoinsSyllablesOfVietnameseWords) {
  EXPECT_EQ(tok().segment_line("Công tác dân vận chính quyền"), "Công_tác dân_vận chính_quyền");
  EXPECT_EQ(tok().segment_line("Ủy ban nhân dân tỉnh Lào Cai"),
            "Ủy_ban nhân_dân tỉnh Lào_Cai");
}

TEST(Segmenter, EchoesEverythingElseUnchanged) {
  std::string line = "  Hoá đơn: 1.125 đồng (hoá)  ";
  std::string out = tok().segment_line(line);
  std::string squashed;
  for (char c : out)
    if (c != '_') squashed += c;
  // Only spaces inside words became '_'; nothing is normalized.
  EXPECT_EQ(out.size(), line.size());
  EXPECT_NE(out.find("Hoá"), std::string::npos);
}

TEST(Cli, TokenizeJsonHasTheContractFields) {
  std::string out = run_cli("tokenize --json", "Kết luận 114-KL/TW");
  EXPECT_NE(out.find("\"type\":\"docnum\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"canonical\":\"114-KL/TW\""), std::string::npos);
  EXPECT_NE(out.find("\"fold\":\"ket\""), std::string::npos);
  EXPECT_NE(out.find("\"start\":0"), std::string::npos);
}

TEST(Cli, SegmentWritesOneLinePerInputLine) {
  std::string out = run_cli("segment", "công tác dân vận\n\nchính quyền\n");
  EXPECT_EQ(out, "công_tác dân_vận\n\nchính_quyền\n");
}
