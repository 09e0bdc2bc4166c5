// Citation finding: full numbers in any variant, short forms ("Kết luận 114", "KL 114") resolved
// against full numbers and "(gọi tắt là ...)" aliases in the same document.
#include "citations.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "regex.h"
#include "text_rules.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

struct TypeName {
  const char* code;
  const char* name;
};
constexpr TypeName kTypes[] = {{"CT", "Chỉ thị"},   {"NQ", "Nghị quyết"}, {"KL", "Kết luận"},
                               {"KH", "Kế hoạch"},  {"QĐ", "Quyết định"}, {"NĐ", "Nghị định"},
                               {"TT", "Thông tư"},  {"HD", "Hướng dẫn"},  {"QĐi", "Quy định"},
                               {"CV", "Công văn"},  {"TB", "Thông báo"},  {"CTr", "Chương trình"},
                               {"ĐA", "Đề án"},     {"BC", "Báo cáo"},    {"QC", "Quy chế"},
                               {"CĐ", "Công điện"}, {"TTr", "Tờ trình"},  {"L", "Luật"}};

std::optional<std::string> type_name_of_code(const std::string& code) {
  for (const auto& t : kTypes)
    if (code == t.code) return std::string(t.name);
  return std::nullopt;
}

std::optional<std::string> code_of_type_name(const std::string& name) {
  std::string n = tokenizer::normalize(name);
  for (const auto& t : kTypes)
    if (n == tokenizer::normalize(t.name)) return std::string(t.code);
  if (n.size() <= 3) {  // "KL", "CT": already a code
    for (const auto& t : kTypes)
      if (tokenizer::normalize(t.code) == n) return std::string(t.code);
  }
  return std::nullopt;
}

std::optional<std::string> default_issuer(const tokenizer::DocNumber& d) {
  static const std::map<std::string, std::string> kIssuers{{"TTg", "Thủ tướng Chính phủ"},
                                                           {"CP", "Chính phủ"},
                                                           {"UBND", "Ủy ban nhân dân"},
                                                           {"HĐND", "Hội đồng nhân dân"},
                                                           {"TU", "Tỉnh ủy"},
                                                           {"HU", "Huyện ủy"},
                                                           {"BDVTW", "Ban Dân vận Trung ương"},
                                                           {"BTGTW", "Ban Tuyên giáo Trung ương"},
                                                           {"BNV", "Bộ Nội vụ"}};
  if (auto it = kIssuers.find(d.issuer); it != kIssuers.end()) return it->second;
  if (d.issuer.rfind("UBTVQH", 0) == 0) return "Ủy ban Thường vụ Quốc hội";
  if (d.issuer.rfind("QH", 0) == 0) return "Quốc hội";
  return std::nullopt;
}

// What follows a number: "ngày 14/7/2015 của Ban Bí thư (khóa XI) về “...”".
void read_context(const std::string& text, std::size_t from, Citation& c) {
  std::string after = text.substr(from, 320);
  static const RE2 kDate(
      R"(^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))",
      regex_options());
  std::string date_text;
  re2::StringPiece rest(after);
  if (RE2::Consume(&rest, kDate, &date_text)) {
    c.date = parse_any_date("ngày " + date_text);
  }
  static const RE2 kIssuer(
      R"(^\s*,?\s*của\s+(Ban Bí thư|Bộ Chính trị|Ban Chấp hành Trung ương(?: Đảng)?|Thủ tướng Chính phủ|Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Ban Thường vụ Tỉnh ủy|Ban Thường vụ Thành ủy|Tỉnh ủy|Thành ủy|Huyện ủy|UBND tỉnh|Ủy ban nhân dân tỉnh|HĐND tỉnh|Hội đồng nhân dân tỉnh|Ban Dân vận Trung ương|Bộ [\p{Lu}][\p{Ll}]+(?: [\p{Lu}\p{Ll}][\p{Ll}]+)?))",
      regex_options());
  std::string issuer;
  if (RE2::Consume(&rest, kIssuer, &issuer)) c.issuer = issuer;
  static const RE2 kKhoa(R"(^\s*,?\s*\(?\s*khóa\s+([XVI]+)\s*\)?)", regex_options());
  std::string khoa;
  if (RE2::Consume(&rest, kKhoa, &khoa)) c.khoa = khoa;
  static const RE2 kQuoted(R"re(^\s*,?\s*(?:về\s+(?:việc\s+)?)?"([^"]{4,240})")re",
                           regex_options());
  static const RE2 kVe(R"re(^\s*,?\s*(về\s+[^,.;()"]{4,200}))re", regex_options());
  std::string subject;
  if (RE2::Consume(&rest, kQuoted, &subject) || RE2::Consume(&rest, kVe, &subject))
    c.subject = trim(subject);
}

}  // namespace

std::optional<std::string> citation_type_name(const std::string& type_code) {
  return type_name_of_code(type_code);
}

CitationScan find_citations(const std::string& text) {
  CitationScan scan;
  std::vector<Citation>& out = scan.citations;
  std::map<std::string, std::size_t> index;  // canonical -> position in out
  auto add = [&](Citation c) -> Citation& {
    auto it = index.find(c.number);
    if (it != index.end()) {
      Citation& old = out[it->second];
      if (!old.type) old.type = c.type;
      if (!old.issuer) old.issuer = c.issuer;
      if (!old.date) old.date = c.date;
      if (!old.subject) old.subject = c.subject;
      if (!old.khoa) old.khoa = c.khoa;
      return old;
    }
    index[c.number] = out.size();
    out.push_back(std::move(c));
    return out.back();
  };

  // Full numbers; the type word, when present, is read from the text just before them.
  static const RE2 kNumber(R"((\d{1,5}(?:\s*[-/]\s*[\pL\d]+){1,3}))", regex_options());
  static const RE2 kTypeBefore(
      R"((?i)(chỉ thị|nghị quyết|kết luận|kế hoạch|quyết định|nghị định|thông tư|luật|hướng dẫn|quy định|công văn|thông báo|chương trình|đề án|thông tri|báo cáo|quy chế|công điện)\s+(?:số\s*:?\s*)?$)",
      regex_options());
  re2::StringPiece input(text);
  std::string number;
  while (RE2::FindAndConsume(&input, kNumber, &number)) {
    // Only a number that starts after a non-digit can be a document number.
    std::size_t end = static_cast<std::size_t>(input.data() - text.data());
    std::size_t start = end - number.size();
    if (start > 0 && std::isdigit(static_cast<unsigned char>(text[start - 1]))) continue;
    auto d = tokenizer::parse_docnum(number);
    if (!d) continue;
    Citation c;
    c.number = d->canonical;
    std::size_t look = start > 40 ? start - 40 : 0;
    std::string type_word;
    RE2::PartialMatch(re2::StringPiece(text.data() + look, start - look), kTypeBefore, &type_word);
    c.type = type_word.empty() ? type_name_of_code(d->type_code)
                               : std::optional<std::string>(trim(type_word));
    if (c.type) {  // "kết luận" -> "Kết luận"
      if (auto code = code_of_type_name(*c.type)) c.type = type_name_of_code(*code);
    }
    read_context(text, end, c);
    if (!c.issuer) c.issuer = default_issuer(*d);
    add(std::move(c));
  }

  // "(gọi tắt là Chỉ thị 49)" names the citation just before it. The pattern's bounded gap
  // ([^()]{0,200}) makes RE2's DFA big and slow (~30 MB/s), so it only runs on a window around
  // each "gọi tắt": the number and gap can start at most ~650 bytes before it.
  std::map<std::string, std::string> aliases;  // "CT 49" -> canonical
  static const RE2 kAlias(
      R"((?i)(\d{1,5}(?:\s*[-/]\s*[\pL\d]+){1,3})[^()]{0,200}\((?:sau đây )?gọi tắt là\s+(chỉ thị|nghị quyết|kết luận|kế hoạch|quyết định|ct|nq|kl|kh)\s+(?:số\s+)?(\d{1,5})\))",
      regex_options());
  constexpr std::size_t kBefore = 700, kAfter = 160;
  std::string full, alias_type, alias_no;
  for (std::size_t at = text.find("gọi tắt"); at != std::string::npos;
       at = text.find("gọi tắt", at + 1)) {
    std::size_t from = at > kBefore ? at - kBefore : 0;
    while (from > 0 && from < at && text[from - 1] != ' ' && text[from - 1] != '\n')
      ++from;  // start after a space: never inside a number or a UTF-8 sequence
    input = re2::StringPiece(text.data() + from, std::min(text.size(), at + kAfter) - from);
    while (RE2::FindAndConsume(&input, kAlias, &full, &alias_type, &alias_no)) {
      auto d = tokenizer::parse_docnum(full);
      auto code = code_of_type_name(alias_type);
      if (d && code) aliases[*code + " " + alias_no] = d->canonical;
    }
  }

  // Short forms: "Kết luận 114", "KL 114", "Chỉ thị số 49".
  static const RE2 kShort(
      R"((?i)\b(chỉ thị|nghị quyết|kết luận|kế hoạch|quyết định|CT|NQ|KL|KH)\s+(?:số\s+)?(\d{1,5})(?:[^\d/-]|$))",
      regex_options());
  input = re2::StringPiece(text);
  std::string short_type, short_no;
  while (RE2::FindAndConsume(&input, kShort, &short_type, &short_no)) {
    auto code = code_of_type_name(short_type);
    if (!code) continue;
    std::string key = *code + " " + short_no;
    std::string canonical;
    if (auto it = aliases.find(key); it != aliases.end()) {
      canonical = it->second;
    } else {
      for (const auto& c : out) {  // a full number with the same type and number
        auto d = tokenizer::parse_docnum(c.number);
        if (d && d->number == short_no && d->type_code == *code) {
          canonical = c.number;
          break;
        }
      }
    }
    if (canonical.empty()) {
      ShortCitation s{*code, short_no};
      if (std::find(scan.unresolved.begin(), scan.unresolved.end(), s) == scan.unresolved.end())
        scan.unresolved.push_back(std::move(s));
      continue;
    }
    Citation c;
    c.number = canonical;
    c.type = type_name_of_code(*code);
    add(std::move(c));
  }
  return scan;
}

}  // namespace tracuu::corpus
