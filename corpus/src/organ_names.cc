#include "organ_names.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

// Lowercase (normalized) name -> written form; longer names first where one starts another.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kOrgans{{
    {"ban chấp hành trung ương", "Ban Chấp hành Trung ương"},
    {"bộ chính trị", "Bộ Chính trị"},
    {"ban bí thư", "Ban Bí thư"},
    {"ủy ban thường vụ quốc hội", "Ủy ban Thường vụ Quốc hội"},
    {"quốc hội", "Quốc hội"},
    {"chủ tịch nước", "Chủ tịch nước"},
    {"thủ tướng chính phủ", "Thủ tướng Chính phủ"},
    {"chính phủ", "Chính phủ"},
    {"ủy ban nhân dân", "Ủy ban nhân dân"},
    {"hội đồng nhân dân", "Hội đồng nhân dân"},
    {"ủy ban mặt trận tổ quốc việt nam", "Ủy ban Mặt trận Tổ quốc Việt Nam"},
    {"ban dân vận trung ương", "Ban Dân vận Trung ương"},
    {"ban tuyên giáo trung ương", "Ban Tuyên giáo Trung ương"},
    {"ban tổ chức trung ương", "Ban Tổ chức Trung ương"},
    {"văn phòng trung ương đảng", "Văn phòng Trung ương Đảng"},
    {"ban thường vụ", "Ban Thường vụ"},
    {"ban dân vận", "Ban Dân vận"},
    {"tỉnh ủy", "Tỉnh ủy"},
    {"thành ủy", "Thành ủy"},
    {"huyện ủy", "Huyện ủy"},
    {"đảng ủy", "Đảng ủy"},
    {"đảng bộ", "Đảng bộ"},
    {"ubnd", "UBND"},
    {"hđnd", "HĐND"},
}};

// Words naming a kind of unit stay lowercase before a place name ("tỉnh Bắc Kạn").
constexpr std::array<std::string_view, 7> kUnitWords{"tỉnh", "thành", "phố", "huyện",
                                                     "quận", "thị",   "xã"};

std::string title_case(const std::string& word) {
  std::string out;
  icu::UnicodeString::fromUTF8(word).toTitle(nullptr).toUTF8String(out);
  return out;
}

bool is_unit_word(std::string_view word) {
  for (auto u : kUnitWords)
    if (word == u) return true;
  return false;
}

// Splits text into its space-separated words.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.find(' ', pos), text.size());
    if (end > pos) out.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

// The organ a lowercase name starts with, and the length of that prefix.
std::optional<std::pair<std::string_view, std::size_t>> leading_organ(std::string_view lower) {
  for (const auto& [name, written] : kOrgans)
    if (lower.starts_with(name) && (lower.size() == name.size() || lower[name.size()] == ' '))
      return std::pair{written, name.size()};
  return std::nullopt;
}

// What follows an organ: another organ ("ban thường vụ tỉnh ủy"), else a place whose words are
// capitalized after the unit words ("tỉnh bắc kạn" -> "tỉnh Bắc Kạn", "lào cai" -> "Lào Cai").
std::string written_rest(std::string_view lower) {
  while (!lower.empty() && lower.front() == ' ') lower.remove_prefix(1);
  if (lower.empty()) return "";
  if (auto organ = leading_organ(lower))
    return " " + std::string(organ->first) + written_rest(lower.substr(organ->second));
  std::string out;
  for (const auto& w : words_of(lower)) out += " " + (is_unit_word(w) ? w : title_case(w));
  return out;
}

bool in_capitals(std::string_view text) {
  std::string lower = tokenizer::normalize(text);
  return lower != tokenizer::normalize_keep_case(text) &&
         icu::UnicodeString::fromUTF8(std::string(text)).toUpper() ==
             icu::UnicodeString::fromUTF8(std::string(text));
}

}  // namespace

std::string organ_name(std::string_view header_text) {
  // Separator runs under a header ("QUỐC HỘI -------") are drawing, not words.
  std::string kept;
  for (const auto& word : words_of(header_text))
    if (word.find_first_not_of("-_=*.") != std::string::npos)
      kept += (kept.empty() ? "" : " ") + word;
  if (!in_capitals(kept)) return kept;
  std::string lower = tokenizer::normalize(kept);
  if (auto organ = leading_organ(lower))
    return std::string(organ->first) + written_rest(std::string_view(lower).substr(organ->second));
  // Ministries, departments and the like: the first two words capitalized ("Bộ Nội vụ", "Sở Tài
  // chính"), then lowercase up to a unit word and its place ("... tỉnh Lào Cai").
  auto words = words_of(lower);
  std::string out;
  bool place = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    place = place || (i >= 2 && is_unit_word(words[i]));
    bool capital = i < 2 || (place && !is_unit_word(words[i]));
    out += (i ? " " : "") + (capital ? title_case(words[i]) : words[i]);
  }
  return out;
}

std::optional<std::string> central_party_organ(std::string_view line) {
  std::string lower = tokenizer::normalize(line);
  for (std::string_view organ : {"ban bí thư", "bộ chính trị"}) {
    std::size_t at = lower.find(organ);
    if (at == std::string::npos) continue;
    std::string_view before = std::string_view(lower).substr(0, at);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    if (before.ends_with("t/m") || before.ends_with("tm.") || before.ends_with("tm") ||
        before.ends_with("t.m.") || before.ends_with("của"))
      return organ == "ban bí thư" ? "Ban Bí thư" : "Bộ Chính trị";
  }
  return std::nullopt;
}

}  // namespace tracuu::corpus
