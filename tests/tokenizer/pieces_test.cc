// Piecewise analysis: a long text analyzed a piece at a time gives the whole text's tokens,
// positions and words, which is what keeps search results the same for long documents.
#include "tracuu/tokenizer/pieces.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using tracuu::tokenizer::for_each_piece;
using tracuu::tokenizer::Piece;
using tracuu::tokenizer::Tokenizer;

namespace {

const Tokenizer& tok() { return Tokenizer::shared(); }

// What indexing takes from an analysis: each token's forms and position, each word's forms.
struct Analysis {
  std::vector<std::string> tokens;
  std::vector<std::string> words;
  std::vector<std::string> texts;  // each token's bytes, through its offsets
};

std::string describe(const tracuu::tokenizer::Token& t) {
  return t.norm + "|" + t.fold + "|" + std::to_string(t.position) + "|" +
         std::string(token_type_name(t.type)) + "|" + t.canonical + "|" + t.expansion;
}

void add(Analysis& a, std::string_view text, const std::vector<tracuu::tokenizer::Token>& tokens,
         const std::vector<tracuu::tokenizer::Word>& words) {
  for (const auto& t : tokens) {
    a.tokens.push_back(describe(t));
    a.texts.emplace_back(t.text(text));
  }
  for (const auto& w : words)
    a.words.push_back(w.norm.empty() ? tokens[w.first_token].norm : w.norm);
}

Analysis whole(const std::string& text) {
  Analysis a;
  auto tokens = tok().tokenize(text);
  add(a, text, tokens, tok().segment(text, tokens));
  return a;
}

Analysis in_pieces(const std::string& text, std::size_t piece_bytes, std::size_t* count) {
  Analysis a;
  *count = 0;
  for_each_piece(tok(), text, piece_bytes, [&](const Piece& p) {
    EXPECT_EQ(text.substr(p.offset, p.text.size()), p.text);
    add(a, p.text, p.tokens, p.words);
    ++*count;
  });
  return a;
}

// Own sample: words over line ends, numbers, document numbers, abbreviations, dates, a URL.
const std::string kSample =
    "Ủy ban nhân dân tỉnh Lào Cai triển khai Kết luận số 114-KL/TW ngày 20/9/2024.\n"
    "Các cơ quan, đơn vị thực hiện công tác dân vận\nchính quyền ở cơ sở; UBND huyện Bảo Yên "
    "báo cáo kết quả về 1.125 hộ dân (xem https://laocai.gov.vn/tin-tuc) trước ngày 30/10.\n"
    "Đồng chí Nguyễn Văn An đề nghị HĐND xã tổ chức đối thoại với nhân dân";

// "" when equal, else where the two first differ.
std::string first_difference(const std::vector<std::string>& got,
                             const std::vector<std::string>& expected) {
  for (std::size_t i = 0; i < std::max(got.size(), expected.size()); ++i) {
    std::string g = i < got.size() ? got[i] : "(none)";
    std::string e = i < expected.size() ? expected[i] : "(none)";
    if (g != e) return "at " + std::to_string(i) + ": got " + g + ", expected " + e;
  }
  return "";
}

}  // namespace

TEST(Pieces, GiveTheWholeTextsTokensPositionsAndWordsWhateverThePieceSize) {
  Analysis expected = whole(kSample);
  for (std::size_t size : {1, 7, 16, 40, 64, 100, 1000}) {
    std::size_t count = 0;
    Analysis got = in_pieces(kSample, size, &count);
    EXPECT_EQ(first_difference(got.tokens, expected.tokens), "") << "piece size " << size;
    EXPECT_EQ(first_difference(got.words, expected.words), "") << "piece size " << size;
    EXPECT_EQ(first_difference(got.texts, expected.texts), "") << "piece size " << size;
    if (size < 100) {
      EXPECT_GT(count, 3u) << "piece size " << size;
    }
  }
}

// "công tác" across a line end is one word in the whole text: the cut must not split it.
TEST(Pieces, ARunOfWordsCutByThePieceEndIsAnalyzedWholeInTheNextPiece) {
  std::string text = "Hội nghị, các cơ quan thực hiện công\ntác dân vận.";
  std::size_t count = 0;
  Analysis got = in_pieces(text, 12, &count);
  EXPECT_EQ(got.words, whole(text).words);
  EXPECT_NE(std::find(got.words.begin(), got.words.end(), "công_tác"), got.words.end());
}

// A run of bytes without whitespace longer than a piece can grow to is cut where the piece is
// full, at a character boundary, instead of being decoded whole (~24 bytes per character).
TEST(Pieces, ARunWithoutWhitespaceIsCutAtACharacterBoundary) {
  std::string text;
  for (int i = 0; i < 1'100'000; ++i) text += "đ";  // 2.2 MB: three pieces
  std::size_t count = 0;
  std::string joined;
  for_each_piece(tok(), text, 1000, [&](const Piece& p) {
    ++count;
    joined += p.text;
    EXPECT_LE(p.text.size(), tracuu::tokenizer::kLongestWordRun + 4);
    for (const auto& t : p.tokens) EXPECT_EQ(t.norm.size() % 2, 0u);  // whole "đ"s only
  });
  EXPECT_TRUE(joined == text);
  EXPECT_GE(count, 3u);
}

TEST(Pieces, AnEmptyTextHasNoPiece) {
  std::size_t count = 0;
  for_each_piece(tok(), "", 64, [&](const Piece&) { ++count; });
  EXPECT_EQ(count, 0u);
}
