// The rules for the lines of an official header: the number line, the type line with the
// subject, and the central organ that signs (parse_official_header in text_rules.cc).
#include "official_header.h"

#include <re2/re2.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "organ_names.h"
#include "regex.h"
#include "text_util.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {

std::string header_line_start(const std::vector<Paragraph>& paragraphs, std::size_t i) {
  const std::string& t = paragraphs[i].text;
  return tokenizer::normalize_keep_case(
      std::string_view(t).substr(0, std::min<std::size_t>(t.size(), 400)));
}

namespace {

// "^(CHỈ THỊ|KẾT LUẬN|...)\b": a type line is its type's name in capitals, longest names first.
std::string type_line_pattern() {
  std::vector<std::string> names;
  for (const auto& t : document_types()) {
    if (t.name.empty()) continue;
    std::string upper;
    icu::UnicodeString::fromUTF8(icu::StringPiece(t.name.data(), t.name.size()))
        .toUpper(icu::Locale("vi"))
        .toUTF8String(upper);
    names.push_back(tokenizer::normalize_keep_case(upper));
  }
  std::sort(names.begin(), names.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string pattern = "^(";
  for (const auto& n : names) pattern += (pattern.size() > 2 ? "|" : "") + n;
  // Not \b: RE2's word boundary is ASCII, and "CHỈ THỊ" ends in a letter it does not know.
  return pattern + R"()(?:[^\pL\pN]|$))";
}

bool names_organ(const std::string& text) { return tokenizer::fold(text).starts_with("cua "); }

// The subject (trích yếu) of a type line: the rest of that line, else the next line. A rest or
// line naming the organ ("KẾT LUẬN CỦA BAN BÍ THƯ", "CỦA BAN BÍ THƯ") is not the subject.
std::optional<std::string> subject_of(const std::vector<Paragraph>& paragraphs,
                                      std::size_t type_line, std::string rest) {
  if (names_organ(rest)) rest.clear();
  if (rest.size() > 3) return rest;
  std::size_t next = type_line + 1;
  if (next < paragraphs.size() && names_organ(paragraphs[next].text)) ++next;
  if (next < paragraphs.size()) return trim(paragraphs[next].text);
  return std::nullopt;
}

}  // namespace

// The "Số: 05-CT/TW" line among the first `limit`: its index (`limit` when none) and the
// canonical number in `number`. Laws write "Luật số: 38/2019/QH14", codes "Bộ luật số: ...".
std::size_t find_number_line(const std::vector<Paragraph>& paragraphs, std::size_t limit,
                             std::string& number) {
  static const RE2 kSo(
      R"((?i)^\s*(?:(?:bộ\s+)?luật\s+|pháp lệnh\s+)?Số\s*:?\s*(\d[^\s,;]*(?:\s*[-/]\s*[^\s,;]+)*))",
      regex_options());
  // "77/2006/QH 11": a legislature number split from its term.
  static const RE2 kSplitTerm(R"(\p{Lu} (\d{1,2})(?:\D|$))", regex_options());
  std::string number_text;
  for (std::size_t i = 0; i < limit; ++i) {
    std::string line = header_line_start(paragraphs, i);
    // "Số: 05-CT/TW" may share a line with the place-date.
    if (!RE2::PartialMatch(line, kSo, &number_text)) continue;
    std::string term;
    std::size_t at = line.find(number_text);
    if (at != std::string::npos && at + number_text.size() < line.size() &&
        RE2::PartialMatch(std::string_view(line).substr(at + number_text.size() - 1, 6), kSplitTerm,
                          &term))
      number_text += term;
    if (auto d = tokenizer::parse_docnum(number_text)) {
      number = d->canonical;
      return i;
    }
  }
  return limit;
}

// Texts of the Politburo and the Secretariat carry the Central Committee's header; the type line
// ("KẾT LUẬN CỦA BAN BÍ THƯ") or the signature ("T/M BAN BÍ THƯ") names the organ itself.
void name_central_organ(const std::vector<Paragraph>& paragraphs, std::size_t limit,
                        OfficialHeader& h) {
  if (h.issuer != "Ban Chấp hành Trung ương") return;
  // Short lines of the header part and of the last 12 paragraphs (the signature block).
  auto organ_in = [&](std::size_t from, std::size_t to) -> std::optional<std::string> {
    for (std::size_t i = from; i < to; ++i)
      if (paragraphs[i].text.size() <= 80)
        if (auto organ = central_party_organ(paragraphs[i].text)) return organ;
    return std::nullopt;
  };
  std::size_t tail = std::max(limit, paragraphs.size() > 12 ? paragraphs.size() - 12 : 0);
  if (auto organ = organ_in(0, limit)) {
    h.issuer = organ;
  } else if (auto signed_by = organ_in(tail, paragraphs.size())) {
    h.issuer = signed_by;
  }
}

// The type line below the number line ("CHỈ THỊ") and the subject after it.
void read_type_line(const std::vector<Paragraph>& paragraphs, std::size_t limit,
                    std::size_t so_line, OfficialHeader& h) {
  static const RE2 kType(type_line_pattern(), regex_options());
  for (std::size_t i = so_line + 1; i < limit; ++i) {
    std::string type;
    if (!RE2::PartialMatch(header_line_start(paragraphs, i), kType, &type)) continue;
    h.doc_type = std::string(type_named(type)->name);
    std::string line = header_line_start(paragraphs, i);
    h.subject = subject_of(paragraphs, i, trim(line.substr(type.size())));
    return;
  }
}

// A text whose type line is missing or not in capitals still says its type in its number:
// 49-CT/TW is a Chỉ thị.
std::optional<std::string> type_of_number(const std::string& number) {
  auto d = tokenizer::parse_docnum(number);
  const DocumentType* t = d ? type_of_code(d->type_code) : nullptr;
  if (!t) return std::nullopt;
  return std::string(t->name);
}

}  // namespace tracuu::corpus
