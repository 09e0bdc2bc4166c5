// Text normalization shared by indexing and querying: one spelling per Vietnamese word.
#pragma once

#include <string>
#include <string_view>

namespace tracuu::tokenizer {

// All functions are pure and thread-safe. Invalid UTF-8 bytes become U+FFFD; they never throw.

// NFC; canonical (new-style) tone placement so "hoá"/"hóa", "uỷ"/"ủy" are one spelling;
// U+00D0 / U+0189 read as Đ; NBSP, zero-width chars, soft hyphens, full-width forms and
// typographic quotes mapped to plain forms. Case is preserved.
std::string normalize_keep_case(std::string_view text);

// normalize_keep_case + ICU lowercasing. This is the `norm` form of a token.
std::string normalize(std::string_view text);

// normalize + all diacritics removed and đ -> d: "Tỉnh ủy" -> "tinh uy". The `fold` form.
std::string fold(std::string_view text);

// True when `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

}  // namespace tracuu::tokenizer
