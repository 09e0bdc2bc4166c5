// Line-level rules over real page dumps: dates, tails, bylines, captions, official headers.
#include "text_rules.h"

#include <re2/re2.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <unordered_set>

#include "official_header.h"
#include "organ_names.h"
#include "regex.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

std::optional<std::string> iso(int d, int m, int y) {
  if (d < 1 || d > 31 || m < 1 || m > 12 || y < 1945 || y > 2100) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

std::size_t word_count(const std::string& s) {
  std::size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\t';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

// Folded first words of a line that opens page furniture (lists of other articles, widgets).
bool is_tail_marker(const std::string& folded) {
  static const char* kMarkers[] = {"tin lien quan",     "cac tin khac",      "tin khac",
                                   "xem nhieu nhat",    "xem them",          "doc them",
                                   "gui cho ban be",    "phan hoi",          "thong tin nguoi gui",
                                   "bai truoc",         "bai tiep theo",     "tin cung chuyen muc",
                                   "tin moi",           "tin da dua",        "binh luan",
                                   "y kien ban doc",    "cac bai viet khac", "bai viet lien quan",
                                   "tin bai lien quan", "tu khoa",           "tags"};
  for (const char* m : kMarkers) {
    std::string_view mv(m);
    if (folded.rfind(mv, 0) == 0 && (folded.size() == mv.size() ||
                                     !std::isalnum(static_cast<unsigned char>(folded[mv.size()]))))
      return true;
  }
  return false;
}

bool is_widget(const std::string& folded) {
  static const std::unordered_set<std::string> kWidgets{
      "chia se", "in bai",  "in trang",     "facebook",      "twitter",  "zalo",
      "email",   "gui bai", "ve dau trang", "len dau trang", "quay lai", "chia se bai viet",
      "luu bai", "in",      "share"};
  std::string f = folded;
  while (!f.empty() && std::ispunct(static_cast<unsigned char>(f.back()))) f.pop_back();
  return kWidgets.count(f) > 0;
}

bool is_caption(const std::string& folded, const std::string& text) {
  return folded.rfind("anh:", 0) == 0 || folded.rfind("anh minh hoa", 0) == 0 ||
         folded.rfind("(anh", 0) == 0 ||
         (text.size() < 400 &&
          (folded.find("(anh:") != std::string::npos || folded.find("(anh ") != std::string::npos ||
           folded.find("- anh:") != std::string::npos));
}

// Byline: a short last line that is a name, "PV", or "Name (thực hiện)".
std::optional<std::string> byline(const std::string& text) {
  std::string t = trim(text);
  if (t.empty() || t.size() > 60 || word_count(t) > 6) return std::nullopt;
  if (t.back() == '.' && t != "PV.") return std::nullopt;
  static const RE2 kName(
      R"(^(?:PV|Nhóm PV|[\p{Lu}][\p{Ll}]*(?:\s+[\p{Lu}][\p{Ll}]*){0,4}(?:\s*-\s*[\p{Lu}][\p{Ll}]*(?:\s+[\p{Lu}][\p{Ll}]*){0,4})?)(?:\s*\((?:thực hiện|tổng hợp|lược dịch|theo .*)\))?\.?$)",
      regex_options());
  if (RE2::FullMatch(t, kName)) return t;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> parse_any_date(const std::string& text) {
  int d, m, y;
  static const RE2 kIso(R"((\d{4})-(\d{1,2})-(\d{1,2}))", regex_options());
  static const RE2 kDmy(R"((\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))", regex_options());
  static const RE2 kWords(R"((?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
                          regex_options());
  if (RE2::PartialMatch(text, kWords, &d, &m, &y)) return iso(d, m, y);
  if (RE2::PartialMatch(text, kIso, &y, &m, &d)) return iso(d, m, y);
  if (RE2::PartialMatch(text, kDmy, &d, &m, &y)) return iso(d, m, y);
  return std::nullopt;
}

bool is_date_line(const std::string& line) {
  static const RE2 kDateLine(
      R"((?i)^\s*(?:(?:thứ\s+\S+|chủ\s+nhật|cập nhật(?: lúc)?|đăng(?: lúc| ngày)?|ngày đăng)[,:\s]*)?(?:\d{1,2}:\d{2}(?:\s*(?:AM|PM))?[,\s-]*)?(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?:[,\s|-]*\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:AM|PM|GMT\+7))?)?\s*$)",
      regex_options());
  return line.size() < 80 && RE2::FullMatch(tokenizer::normalize_keep_case(line), kDateLine);
}

bool looks_like_header_line(const std::string& line) {
  std::string f = tokenizer::fold(line);
  if (f.rfind("so:", 0) == 0 || f.rfind("so ", 0) == 0) return true;
  return f.rfind("dang cong san viet nam", 0) == 0 ||
         f.rfind("cong hoa xa hoi chu nghia", 0) == 0 || f.rfind("doc lap - tu do", 0) == 0;
}

CleanResult clean_paragraphs(std::vector<Paragraph> paragraphs) {
  CleanResult out;
  // Cut at the first furniture marker after the body has begun (a marker on line 1-2 may
  // be a section label, so keep going there).
  // Markers, widgets and captions show in a paragraph's first words: fold only those.
  auto head = [](const std::string& text) {
    return tokenizer::fold(
        std::string_view(text).substr(0, std::min<std::size_t>(text.size(), 96)));
  };
  std::size_t cut = paragraphs.size();
  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    if (i < 2 || paragraphs[i].text.size() > 200) continue;
    std::string folded = head(paragraphs[i].text);
    if (word_count(paragraphs[i].text) <= 8 && is_tail_marker(folded)) {
      cut = i;
      break;
    }
  }
  paragraphs.resize(cut);
  // Hashes, not copies, of the paragraphs seen: a long text's copy cost as much as the text.
  std::unordered_set<std::uint64_t> seen;
  for (auto& p : paragraphs) {
    std::string folded = head(p.text);
    if (p.text.size() < 64 && is_widget(folded)) continue;
    // Repeats are compared on the folded text; long paragraphs on their bytes.
    const std::string key = p.text.size() < 400 ? tokenizer::fold(p.text) : std::string();
    const std::string_view compared = p.text.size() < 400 ? std::string_view(key) : p.text;
    if (!seen.insert(XXH3_64bits(compared.data(), compared.size())).second) continue;
    if (p.kind == Paragraph::Kind::kBody && is_caption(folded, p.text))
      p.kind = Paragraph::Kind::kCaption;
    out.paragraphs.push_back(std::move(p));
  }
  // Trailing credit "(baosonla.org.vn)" / "Theo baosonla.org.vn" and a byline.
  static const RE2 kCredit(
      R"(^\(?(?:[Tt]heo\s+)?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org))\)?\.?$)",
      regex_options());
  for (int round = 0; round < 3 && !out.paragraphs.empty(); ++round) {
    std::string last = trim(out.paragraphs.back().text);
    std::string site;
    if (last.size() < 100 && RE2::FullMatch(last, kCredit, &site)) {
      out.source = site;
      out.paragraphs.pop_back();
      continue;
    }
    if (out.paragraphs.size() > 1) {
      if (auto name = byline(last)) {
        out.author = name;
        out.paragraphs.pop_back();
        continue;
      }
    }
    // A byline glued to the end of the last paragraph: "... vào ngày 20/2/2017./. Hà Giang".
    static const RE2 kGluedByline(R"(^(.*[.!?"')])\s+((?:\p{Lu}[\p{Ll}]*\.?\s?){1,4})$)",
                                  regex_options());
    if (!out.author && last.size() > 40) {
      std::string head, name;
      std::string_view tail =
          std::string_view(last).substr(last.size() > 60 ? last.size() - 60 : 0);
      if (RE2::FullMatch(tail, kGluedByline, &head, &name) && name.size() <= 32) {
        out.author = trim(name);
        out.paragraphs.back().text = trim(last.substr(0, last.size() - tail.size()) + head);
        last = out.paragraphs.back().text;
      }
    }
    // A credit at the end of the last paragraph: "... đạt kết quả tốt. (baosonla.org.vn)"
    static const RE2 kTrailingCredit(
        R"(^(.*\S)\s*\(([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org))\)$)",
        regex_options());
    std::string body;
    if (!last.empty() && last.back() == ')' &&
        RE2::FullMatch(std::string_view(last).substr(last.size() > 120 ? last.size() - 120 : 0),
                       kTrailingCredit, &body, &site)) {
      body = last.substr(0, last.size() - (last.size() > 120 ? 120 : last.size())) + body;
      out.source = site;
      out.paragraphs.back().text = body;
    }
    break;
  }
  return out;
}

namespace {

// The place-date line of a header: "Hà Nội, ngày 20 tháng 10 năm 2015".
void read_place_date(const std::vector<Paragraph>& paragraphs, std::size_t limit,
                     OfficialHeader& h) {
  static const RE2 kPlaceDate(
      R"(^([\pL .'-]{2,40}),\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", regex_options());
  for (std::size_t i = 0; i < limit && !h.date; ++i) {
    std::string line = header_line_start(paragraphs, i);
    std::string place;
    if (!RE2::PartialMatch(line, kPlaceDate, &place)) continue;
    h.place = trim(place);
    h.date = parse_any_date(line);
  }
}

}  // namespace

std::optional<OfficialHeader> parse_official_header(const std::vector<Paragraph>& paragraphs) {
  OfficialHeader h;
  std::size_t limit = std::min<std::size_t>(paragraphs.size(), kHeaderLines);
  std::size_t so_line = find_number_line(paragraphs, limit, h.number);
  if (h.number.empty()) return std::nullopt;
  // Issuer: the capitalized lines above "Số", minus the national mottos.
  std::string issuer;
  for (std::size_t i = 0; i < so_line; ++i) {
    if (paragraphs[i].text.size() > 200) continue;
    std::string line = trim(tokenizer::normalize_keep_case(paragraphs[i].text));
    // The star under the issuer, or what OCR makes of it ("+", "x", "~").
    bool has_letters = std::count_if(line.begin(), line.end(), [](unsigned char c) {
                         return c >= 0x80 || std::isalpha(c);
                       }) > 1;
    if (looks_like_header_line(line) || line.find('*') != std::string::npos || !has_letters)
      continue;
    if (line.size() > 120) continue;
    issuer += (issuer.empty() ? "" : " ") + line;
  }
  if (!issuer.empty()) h.issuer = organ_name(issuer);
  name_central_organ(paragraphs, limit, h);
  read_place_date(paragraphs, limit, h);
  read_type_line(paragraphs, limit, so_line, h);
  if (!h.doc_type) h.doc_type = type_of_number(h.number);
  return h;
}

namespace {

// Today, "yyyy-mm-dd" (UTC): nothing is published after the day it is read.
std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// A date right after "đến", "tới", "hết", "trước" (optionally "... ngày") ends a range or sets a
// deadline ("từ 1/1/2016 đến 16/9/2037"): a date the text looks ahead to, not one it reports.
bool is_range_end(std::string_view text, std::size_t start) {
  std::string_view before = text.substr(0, start);
  auto drop_spaces = [&] {
    while (!before.empty() && (before.back() == ' ' || before.back() == '\t'))
      before.remove_suffix(1);
  };
  drop_spaces();
  for (std::string_view ngay : {"ngày", "Ngày"})
    if (before.ends_with(ngay)) {
      before.remove_suffix(ngay.size());
      drop_spaces();
    }
  for (std::string_view w : {"đến", "Đến", "tới", "Tới", "hết", "Hết", "trước", "Trước"})
    if (before.ends_with(w) &&
        (before.size() == w.size() || !is_word_byte(before[before.size() - w.size() - 1])))
      return true;
  return false;
}

}  // namespace

std::optional<std::string> estimate_date(const std::string& title, const std::string& text) {
  static const RE2 kDmy(R"(((\d{1,2})/(\d{1,2})/(\d{4})))", regex_options());
  static const RE2 kWords(R"((ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})))",
                          regex_options());
  const std::string now = today();
  std::optional<std::string> latest;
  for (const RE2* re : {&kDmy, &kWords}) {
    re2::StringPiece input(text);
    re2::StringPiece whole;
    int d, m, y;
    while (RE2::FindAndConsume(&input, *re, &whole, &d, &m, &y)) {
      auto date = iso(d, m, y);
      if (!date || *date > now) continue;
      if (is_range_end(text, static_cast<std::size_t>(whole.data() - text.data()))) continue;
      if (!latest || *date > *latest) latest = date;
    }
  }
  // A later year the text speaks of as past or present ("trong năm 2017", "tháng 3/2017") than
  // the latest full date means that date is old news: no estimate beats a wrong one.
  if (latest) {
    static const RE2 kYear(R"(((?:năm|tháng\s+\d{1,2}/)\s*(\d{4})))", regex_options());
    const int latest_year = std::stoi(latest->substr(0, 4));
    const int this_year = std::stoi(now.substr(0, 4));
    for (const std::string* part : {&title, &text}) {
      re2::StringPiece input(*part);
      re2::StringPiece whole;
      int y;
      while (RE2::FindAndConsume(&input, kYear, &whole, &y)) {
        if (y <= latest_year || y > this_year) continue;
        if (is_range_end(*part, static_cast<std::size_t>(whole.data() - part->data()))) continue;
        latest.reset();
        break;
      }
      if (!latest) break;
    }
  }
  // News leads open with the day they report: "Ngày 26/4, ...", "Chiều 29/4, ...". That day
  // is the best estimate, in the year of the latest full date the text mentions.
  static const RE2 kLead(
      R"((?i)^\s*(?:(?:rạng sáng|sáng|trưa|chiều|tối|đêm|hôm nay)\s+(?:nay\s+)?)?(?:ngày\s+)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?\s*[,:])",
      regex_options());
  for (const std::string* lead : {&title, &text}) {
    int d = 0, m = 0, y = 0;
    std::string year;
    if (!RE2::PartialMatch(*lead, kLead, &d, &m, &year)) continue;
    if (!year.empty()) {
      y = std::stoi(year);
    } else if (latest) {
      y = std::stoi(latest->substr(0, 4));
    } else {
      continue;
    }
    if (auto date = iso(d, m, y)) return date;
  }
  return latest;
}

}  // namespace tracuu::corpus
