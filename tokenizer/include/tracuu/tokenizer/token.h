// A token: a slice of the input with its offsets, position, type and normalized forms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tracuu::tokenizer {

enum class TokenType : std::uint8_t {
  kWord,    // one syllable or a foreign word
  kNumber,  // 1.125; 21.169; 96,6
  kDate,    // 20/10/2015, 20-10-2015, 11/2019
  kDocNum,  // 114-KL/TW, 13/2018/NQ-HĐND (see docnum.h for the canonical form)
  kAbbrev,  // UBND, HĐND (expansion from data/abbreviations.tsv)
  kUrl,
  kEmail,
  kDomain,  // baosonla.org.vn
  kPunct,
  kSymbol,
};

// "word", "number", "date", "docnum", "abbrev", "url", "email", "domain", "punct", "symbol".
std::string_view token_type_name(TokenType type);

struct Token {
  std::size_t start = 0;     // byte offset into the original input
  std::size_t end = 0;       // one past the last byte
  std::uint32_t position = 0;  // index among non-punctuation tokens (for phrase search)
  TokenType type = TokenType::kWord;
  std::string norm;       // normalized lowercase form
  std::string fold;       // accentless form of norm
  std::string canonical;  // kDocNum: canonical number; kDate: ISO date where complete
  std::string expansion;  // kAbbrev: expansion ("ủy ban nhân dân"), lowercase normalized

  std::string_view text(std::string_view input) const { return input.substr(start, end - start); }
};

}  // namespace tracuu::tokenizer
