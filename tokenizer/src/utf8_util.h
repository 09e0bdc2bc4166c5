// UTF-8 decoding that never fails: each invalid byte becomes one U+FFFD with its own offsets.
#pragma once

#include <unicode/utf8.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace tracuu::tokenizer::utf8 {

// Calls fn(code_point, start_byte, end_byte) for each character of `text`.
template <typename Fn>
void decode(std::string_view text, Fn&& fn) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      i = start + 1;  // resynchronize on the next byte
      c = 0xFFFD;
    }
    fn(static_cast<char32_t>(c), static_cast<std::size_t>(start), static_cast<std::size_t>(i));
  }
}

// Vietnamese letters, precomposed (Latin-1 Supplement, Latin Extended-A/B and Additional) and
// combining marks: decided by range, without a call into ICU; other scripts ask ICU.
inline bool is_vietnamese_letter(char32_t c) {
  return (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) ||
         (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x0300 && c <= 0x036F);
}

inline void append(std::string& out, char32_t c) {
  char buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(buf, static_cast<std::size_t>(n));
}

}  // namespace tracuu::tokenizer::utf8
