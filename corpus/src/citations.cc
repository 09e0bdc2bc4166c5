// Citation finding: full numbers in any variant, short forms ("Kết luận 114", "KL 114") resolved
// against full numbers and "(gọi tắt là ...)" aliases in the same document.
#include "citations.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <span>
#include <vector>

#include "regex.h"
#include "text_rules.h"
#include "tracuu/corpus/citation_relation.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

// A type's name as texts write it ("CT" -> "Chỉ thị"), from the one table of types.
std::optional<std::string> name_of_code(const std::string& code) {
  const DocumentType* t = type_of_code(code);
  if (!t || t->name.empty()) return std::nullopt;
  return std::string(t->name);
}

// "chỉ thị|kết luận|...": the names of `types` as a regex alternation for a (?i) pattern, longest
// first, with their codes ("ct|kl|...") when `with_codes`.
std::string alternation(std::span<const DocumentType* const> types, bool with_codes) {
  std::vector<std::string> words;
  for (const DocumentType* t : types) {
    if (!t->name.empty()) words.push_back(tokenizer::normalize(t->name));
    if (with_codes && !t->code.empty()) words.push_back(tokenizer::normalize(t->code));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::stable_sort(words.begin(), words.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : "|") + w;
  return out;
}

std::string every_type_name() {
  std::vector<const DocumentType*> all;
  for (const auto& t : document_types()) all.push_back(&t);
  return alternation(all, false);
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

// Citations found so far, one per canonical number: a later mention fills in what the first
// one left out.
class CitationList {
 public:
  explicit CitationList(std::vector<Citation>& out) : out_(out) {}

  void add(Citation c) {
    auto it = index_.find(c.number);
    if (it == index_.end()) {
      index_[c.number] = out_.size();
      out_.push_back(std::move(c));
      return;
    }
    Citation& old = out_[it->second];
    if (!old.type) old.type = c.type;
    if (!old.issuer) old.issuer = c.issuer;
    if (!old.date) old.date = c.date;
    if (!old.subject) old.subject = c.subject;
    if (!old.khoa) old.khoa = c.khoa;
    if (!old.relation) old.relation = c.relation;
  }

  // The full number of a type code and number already cited ("KL", "114" -> "114-KL/TW").
  std::optional<std::string> full_number(const std::string& code, const std::string& number) const {
    for (const auto& c : out_) {
      auto d = tokenizer::parse_docnum(c.number);
      if (d && d->number == number && d->type_code == code) return c.number;
    }
    return std::nullopt;
  }

 private:
  std::vector<Citation>& out_;
  std::map<std::string, std::size_t> index_;  // canonical -> position in out_
};

// Full numbers in any variant; the type word, when present, is read from the text just before.
void scan_full_numbers(const std::string& text, CitationList& list) {
  static const RE2 kNumber(R"((\d{1,5}(?:\s*[-/]\s*[\pL\d]+){1,3}))", regex_options());
  static const RE2 kTypeBefore("(?i)(" + every_type_name() + R"()\s+(?:số\s*:?\s*)?$)",
                               regex_options());
  re2::StringPiece input(text);
  std::string number;
  std::size_t previous_end = 0;
  std::optional<std::string> previous_relation;
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
    re2::StringPiece window(text.data() + look, start - look);
    RE2::PartialMatch(window, kTypeBefore, &type_word);
    // The relation is in the words before the type's name ("Hướng dẫn" is a type, not a cue).
    std::size_t named_at = type_word.empty() ? start : look + window.as_string().rfind(type_word);
    c.relation = previous_end && continues_list(text, previous_end, named_at)
                     ? previous_relation
                     : citation_relation(text, named_at, previous_end);
    previous_end = end;
    previous_relation = c.relation;
    const DocumentType* type =
        type_word.empty() ? type_of_code(d->type_code) : type_named(type_word);
    if (type && !type->name.empty()) {
      c.type = std::string(type->name);  // "kết luận" -> "Kết luận"
    } else if (!type_word.empty()) {
      c.type = trim(type_word);
    }
    read_context(text, end, c);
    if (!c.issuer) c.issuer = default_issuer(*d);
    list.add(std::move(c));
  }
}

// "(gọi tắt là Chỉ thị 49)" names the citation just before it: "CT 49" -> its canonical number.
// The pattern's bounded gap ([^()]{0,200}) makes RE2's DFA big and slow (~30 MB/s), so it only
// runs on a window around each "gọi tắt": the number and gap can start at most ~650 bytes before.
std::map<std::string, std::string> scan_aliases(const std::string& text) {
  static const RE2 kAlias(
      R"((?i)(\d{1,5}(?:\s*[-/]\s*[\pL\d]+){1,3})[^()]{0,200}\((?:sau đây )?gọi tắt là\s+()" +
          alternation(short_named_types(), true) + R"()\s+(?:số\s+)?(\d{1,5})\))",
      regex_options());
  constexpr std::size_t kBefore = 700, kAfter = 160;
  std::map<std::string, std::string> aliases;
  std::string full, alias_type, alias_no;
  for (std::size_t at = text.find("gọi tắt"); at != std::string::npos;
       at = text.find("gọi tắt", at + 1)) {
    std::size_t from = at > kBefore ? at - kBefore : 0;
    while (from > 0 && from < at && text[from - 1] != ' ' && text[from - 1] != '\n')
      ++from;  // start after a space: never inside a number or a UTF-8 sequence
    re2::StringPiece input(text.data() + from, std::min(text.size(), at + kAfter) - from);
    while (RE2::FindAndConsume(&input, kAlias, &full, &alias_type, &alias_no)) {
      auto d = tokenizer::parse_docnum(full);
      const DocumentType* type = type_named(alias_type);
      if (d && type) aliases[std::string(type->code) + " " + alias_no] = d->canonical;
    }
  }
  return aliases;
}

// Short forms: "Kết luận 114", "KL 114", "Chỉ thị số 49", resolved through the aliases or a full
// number of the same type and number in the text; the rest are `unresolved`.
void scan_short_forms(const std::string& text, const std::map<std::string, std::string>& aliases,
                      CitationList& list, std::vector<ShortCitation>& unresolved) {
  static const RE2 kShort(R"((?i)\b()" + alternation(short_named_types(), true) +
                              R"()\s+(?:số\s+)?(\d{1,5})(?:[^\d/-]|$))",
                          regex_options());
  re2::StringPiece input(text);
  re2::StringPiece short_type;
  std::string short_no;
  while (RE2::FindAndConsume(&input, kShort, &short_type, &short_no)) {
    const DocumentType* type = type_named(std::string(short_type));
    if (!type) continue;
    std::string code(type->code);
    std::optional<std::string> canonical;
    if (auto it = aliases.find(code + " " + short_no); it != aliases.end()) {
      canonical = it->second;
    } else {
      canonical = list.full_number(code, short_no);
    }
    if (!canonical) {
      ShortCitation s{code, short_no};
      if (std::find(unresolved.begin(), unresolved.end(), s) == unresolved.end())
        unresolved.push_back(std::move(s));
      continue;
    }
    Citation c;
    c.number = *canonical;
    c.type = std::string(type->name);
    c.relation = citation_relation(text, static_cast<std::size_t>(short_type.data() - text.data()));
    list.add(std::move(c));
  }
}

}  // namespace

std::optional<std::string> citation_type_name(const std::string& type_code) {
  return name_of_code(type_code);
}

CitationScan find_citations(const std::string& text) {
  CitationScan scan;
  CitationList list(scan.citations);
  scan_full_numbers(text, list);
  scan_short_forms(text, scan_aliases(text), list, scan.unresolved);
  return scan;
}

}  // namespace tracuu::corpus
