// Vietnamese document numbers (số ký hiệu): parsing every variant into one canonical form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu::tokenizer {

struct DocNumber {
  std::string canonical;  // "114-KL/TW", "13/2018/NQ-HĐND", "16/CT-TTg", "277/KH-UBND"
  std::string number;     // "114"
  std::string type_code;  // "KL", "NQ", "CT" ... (as in canonical)
  std::string issuer;     // "TW", "HĐND", "UBTVQH14" ...
  std::string year;       // "2018" when written in the number, else empty
  bool party = false;     // Party style "<n>-<TYPE>/<ISSUER>"
};

// Parses one number in any variant (spaces around '-', '/', Ð for Đ, "114/KL-TW" for a Party
// code, lowercase). Returns nullopt when `text` is not a document number.
std::optional<DocNumber> parse_docnum(std::string_view text);

}  // namespace tracuu::tokenizer
