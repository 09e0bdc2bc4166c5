// The analysis chain: normalize -> break (ICU) -> classify -> (optionally) segment into words.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tracuu/tokenizer/token.h"

namespace tracuu::tokenizer {

// A multi-syllable (or single-syllable) word found by the segmenter over a token stream.
struct Word {
  std::size_t first_token = 0;  // index into the token vector
  std::size_t last_token = 0;   // one past the last token
  // Syllable norms / folds joined by '_' ("công_tác", "cong_tac") for words of two or more
  // tokens; empty for a one-token word, whose forms are its token's (saves a copy per token).
  std::string norm;
  std::string fold;
};

// The folder of shipped tables: $TRACUU_DATA_DIR when set, else the source tree's data/.
std::string default_data_dir();

// Immutable after construction; safe to share between threads.
class Tokenizer {
 public:
  // Loads tables (abbreviations, lexicon, segmentation model) from `data_dir`.
  // Throws std::runtime_error with the file name when a table is missing or malformed.
  explicit Tokenizer(const std::string& data_dir);
  ~Tokenizer();
  Tokenizer(const Tokenizer&) = delete;
  Tokenizer& operator=(const Tokenizer&) = delete;

  // Process-wide instance over $TRACUU_DATA_DIR or the built-in data dir; loaded once.
  static const Tokenizer& shared();

  std::vector<Token> tokenize(std::string_view text) const;

  // Groups word tokens into Vietnamese words; other tokens become one-token words.
  std::vector<Word> segment(std::string_view text, const std::vector<Token>& tokens) const;

  // The abbreviation table read any way ("ubnd", "hdnd", "HĐND"): the expansions (normalized,
  // lower case) of the entries whose letters are `word`'s, accents and case aside. Empty for none.
  std::vector<std::string> expansions_of(std::string_view word) const;

  // The entry a spelled-out name stands for, accents and case aside: "uy ban nhan dan" -> "UBND";
  // "" when the words are no entry's expansion.
  std::string abbreviation_for(std::string_view words) const;

  // The `tracuu segment` line format: words' syllables joined by '_', everything else echoed.
  std::string segment_line(std::string_view line) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracuu::tokenizer
