// Piecewise analysis of long texts: cut points that keep tokens and words as in the whole text.
#include "tracuu/tokenizer/pieces.h"

#include <algorithm>

namespace tracuu::tokenizer {
namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Where a piece of about `size` bytes that starts at `start` may end: the first ASCII whitespace
// at or after start + size (never inside a character: UTF-8 continuation bytes are never ASCII),
// else the first character boundary after start + longest, else the end of the text.
std::size_t piece_end(std::string_view text, std::size_t start, std::size_t size,
                      std::size_t longest) {
  std::size_t end = start + size;
  if (end >= text.size()) return text.size();
  const std::size_t limit = std::min(text.size(), start + longest);
  while (end < limit && !is_ascii_space(text[end])) ++end;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return end;
}

// How many of `tokens` a piece keeps: all of them up to its last token that is not a word and is
// followed by whitespace (a chunk between spaces is tokenized whole), so that a run of words cut
// by the piece's end is analyzed again, whole, in the next piece; 0 when there is no such token.
std::size_t kept_tokens(const std::vector<Token>& tokens) {
  for (std::size_t k = tokens.size(); k > 0; --k) {
    const bool spaced = k == tokens.size() || tokens[k].start > tokens[k - 1].end;
    if (tokens[k - 1].type != TokenType::kWord && spaced) return k;
  }
  return 0;
}

// Tokenizes the piece of `text` at `start` into `piece`: `piece_bytes`, doubled while the piece
// holds nothing to cut after, up to `longest`.
void tokenize_piece(const Tokenizer& tokenizer, std::string_view text, std::size_t start,
                    std::size_t piece_bytes, std::size_t longest, Piece& piece) {
  for (std::size_t size = std::min(piece_bytes, longest);; size = std::min(2 * size, longest)) {
    const std::size_t end = piece_end(text, start, size, longest);
    piece.offset = start;
    piece.text = text.substr(start, end - start);
    piece.tokens = tokenizer.tokenize(piece.text);
    if (end == text.size() || piece.tokens.empty()) return;
    if (std::size_t keep = kept_tokens(piece.tokens); keep > 0) {
      piece.tokens.resize(keep);
      piece.text = piece.text.substr(0, piece.tokens.back().end);
      return;
    }
    // Cut where the piece is full (a piece without whitespace is full at once).
    if (size >= longest || end - start >= longest) return;
  }
}

}  // namespace

void for_each_piece(const Tokenizer& tokenizer, std::string_view text, std::size_t piece_bytes,
                    const std::function<void(const Piece&)>& on_piece) {
  piece_bytes = std::max<std::size_t>(1, piece_bytes);
  const std::size_t longest = std::max(piece_bytes, kLongestWordRun);  // ~27 MB of tokens
  std::uint32_t position = 0;  // positions before this piece
  Piece piece;
  // A piece is never empty: it ends after its first byte at the earliest.
  for (std::size_t start = 0; start < text.size(); start += piece.text.size()) {
    tokenize_piece(tokenizer, text, start, piece_bytes, longest, piece);
    std::uint32_t next = position;
    for (auto& t : piece.tokens) {
      t.position += position;
      if (t.type != TokenType::kPunct && t.type != TokenType::kSymbol) next = t.position + 1;
    }
    piece.words = tokenizer.segment(piece.text, piece.tokens);
    on_piece(piece);
    position = next;
  }
}

}  // namespace tracuu::tokenizer
