// Long texts analyzed a piece at a time, so memory follows the piece size, not the text size.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::tokenizer {

// One piece of a longer text, tokenized and segmented.
struct Piece {
  std::string_view text;      // a slice of the whole text
  std::size_t offset = 0;     // where `text` starts in the whole text
  std::vector<Token> tokens;  // offsets relative to `text`; positions count from the whole text
  std::vector<Word> words;    // over `tokens`
};

// A piece's size when nothing says otherwise: its tokens (~160 bytes each) stay near 2 MB.
inline constexpr std::size_t kPieceBytes = 64 * 1024;

// A piece holding nothing but words grows up to this size to reach a token of another kind.
inline constexpr std::size_t kLongestWordRun = 1024 * 1024;

// Calls `on_piece` for consecutive pieces of about `piece_bytes` covering `text`. A piece ends
// at whitespace after a token that is not a word: tokens never span whitespace and the segmenter
// groups runs of word tokens only, so the tokens, positions and words of the pieces are those of
// the whole text. A piece of words only grows (see kLongestWordRun). Beyond that, and for a run
// of bytes without whitespace longer than a piece, the piece is cut where it is full, and the
// analysis may differ from the whole text's at the cut: such runs are not searchable text, and
// analyzing them whole would cost ~24 bytes of memory per character.
void for_each_piece(const Tokenizer& tokenizer, std::string_view text, std::size_t piece_bytes,
                    const std::function<void(const Piece&)>& on_piece);

}  // namespace tracuu::tokenizer
