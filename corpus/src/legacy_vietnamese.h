// Vietnamese typed in the pre-Unicode font encodings, TCVN3 (ABC) and VNI Windows, recognized by
// how many valid Vietnamese syllables each candidate reading yields, and converted to Unicode.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu::corpus {

struct LegacyText {
  std::string utf8;
  std::string encoding;  // "TCVN3 (ABC)" or "VNI Windows"
};

// `bytes` is not UTF-8; `other` is the general-purpose detector's reading of it (may be empty).
// A TCVN3 or VNI reading when it beats `other` clearly, nullopt otherwise.
std::optional<LegacyText> read_legacy_vietnamese(std::string_view bytes, std::string_view other);

// For text already decoded as windows-1252 (Word 97 stores 8-bit runs that way, so a .doc typed
// in a TCVN3 font comes out as "C«ng t¸c"): the same choice over the original bytes.
std::optional<LegacyText> reread_as_legacy_vietnamese(std::string_view utf8);

// The share of words with a non-ASCII letter that are valid Vietnamese syllables (0..1; 1 when
// there is no such word). ASCII words read the same in every encoding and are not counted.
double vietnamese_syllable_share(std::string_view utf8);

}  // namespace tracuu::corpus
