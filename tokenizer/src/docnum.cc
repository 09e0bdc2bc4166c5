// Document numbers: every written variant of "114-KL/TW" or "13/2018/NQ-HĐND" to one form.
#include "tracuu/tokenizer/docnum.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <cctype>
#include <vector>

#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::tokenizer {
namespace {

// Codes written in mixed case by convention; everything else is upper case.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kMixedCase{{
    {"TTG", "TTg"}, {"QĐI", "QĐi"}, {"CTR", "CTr"}, {"TTR", "TTr"}, {"BTTTG", "BTTTg"},
    {"VPCP-TTG", "VPCP-TTg"},
}};

std::string upper(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  u.toUpper(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string canonical_code(std::string_view code) {
  std::string u = upper(code);
  for (const auto& [from, to] : kMixedCase)
    if (u == from) return std::string(to);
  return u;
}

bool all_digits(std::string_view s) {
  if (s.empty() || s.size() > 6) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// A type or issuer code: letters (incl. Đ) and digits, starting with a letter.
bool is_code(std::string_view s) {
  if (s.empty() || s.size() > 24) return false;
  if (std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isalnum(c)) continue;
    if (c == 0xC4 && i + 1 < s.size() &&
        (static_cast<unsigned char>(s[i + 1]) == 0x90 ||
         static_cast<unsigned char>(s[i + 1]) == 0x91)) {  // Đ / đ
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

bool is_type_code(std::string_view s) {
  if (!is_code(s)) return false;
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) return false;
  return s.size() <= 5;
}

// Party issuers: central ("TW", "BDVTW", "VPTW"...) and local committees (TU, HU, ĐU, QU...).
bool is_party_issuer(std::string_view code) {
  std::string u = upper(code);
  if (u.size() >= 2 && u.compare(u.size() - 2, 2, "TW") == 0) return true;
  static const std::array<std::string_view, 8> kLocal{"TU", "HU", "ĐU", "QU", "TVTU", "ĐUK",
                                                      "TH", "BCĐ"};
  for (auto l : kLocal)
    if (u == l) return true;
  return u.rfind("ĐU", 0) == 0;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

DocNumber party(std::string_view number, std::string_view type, std::string_view issuer) {
  DocNumber d;
  d.number = std::string(number);
  d.type_code = canonical_code(type);
  d.issuer = canonical_code(issuer);
  d.party = true;
  d.canonical = d.number + "-" + d.type_code + "/" + d.issuer;
  return d;
}

DocNumber state(std::string_view number, std::string_view year, std::string_view type,
                std::string_view issuer) {
  DocNumber d;
  d.number = std::string(number);
  d.year = std::string(year);
  d.type_code = canonical_code(type);
  d.issuer = canonical_code(issuer);
  d.canonical = d.number + "/";
  if (!d.year.empty()) d.canonical += d.year + "/";
  d.canonical += d.type_code.empty() ? d.issuer : d.type_code + "-" + d.issuer;
  return d;
}

}  // namespace

std::optional<DocNumber> parse_docnum(std::string_view text) {
  if (text.size() > 64) return std::nullopt;
  // Normalize look-alikes (Ð) and drop spaces: "114 - KL/TW" is "114-KL/TW".
  std::string s;
  for (char c : normalize_keep_case(text))
    if (c != ' ') s.push_back(c);
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return std::nullopt;

  auto slash = split(s, '/');
  if (slash.size() == 2) {
    auto left = split(slash[0], '-');
    auto right = split(slash[1], '-');
    // Party form "114-KL/TW" (or the state form written that way: "16-CT/TTg").
    if (left.size() == 2 && right.size() == 1 && all_digits(left[0]) && is_type_code(left[1]) &&
        is_code(right[0])) {
      if (is_party_issuer(right[0])) return party(left[0], left[1], right[0]);
      return state(left[0], "", left[1], right[0]);
    }
    // State form "277/KH-UBND", "855/NQ-UBTVQH14" (or a Party number written so: "114/KL-TW").
    if (left.size() == 1 && all_digits(left[0]) && right.size() >= 2 && is_type_code(right[0])) {
      std::string_view issuer = slash[1].substr(right[0].size() + 1);
      if (!is_code(right[1])) return std::nullopt;
      if (right.size() == 2 && is_party_issuer(issuer)) return party(left[0], right[0], issuer);
      return state(left[0], "", right[0], issuer);
    }
    return std::nullopt;
  }
  if (slash.size() == 3 && all_digits(slash[0]) && slash[1].size() == 4 && all_digits(slash[1])) {
    auto right = split(slash[2], '-');
    // "13/2018/NQ-HĐND", "05/2023/TT-BNV", "30/2020/NĐ-CP".
    if (right.size() >= 2 && is_type_code(right[0]) && is_code(right[1]))
      return state(slash[0], slash[1], right[0], slash[2].substr(right[0].size() + 1));
    // Laws: "77/2015/QH13".
    if (right.size() == 1 && is_code(right[0]) && !is_type_code(right[0]))
      return state(slash[0], slash[1], "", right[0]);
  }
  return std::nullopt;
}

}  // namespace tracuu::tokenizer
