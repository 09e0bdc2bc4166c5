// Reading order from geometry. Official texts put the issuer and number on the left and the
// national motto and place-date on the right of one band; reading that band line by line would
// interleave them, so it is read column by column, as the header parser expects.
#include "page_layout.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>

namespace tracuu::corpus {
namespace {

// One visual line: its segments are runs of words separated by a wide gap (columns).
struct RawLine {
  std::vector<Line> segments;
  Box box;
};

Box merged(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// Words sharing most of their height belong to one line.
std::vector<std::vector<Word>> group_lines(std::vector<Word> words) {
  std::sort(words.begin(), words.end(),
            [](const Word& a, const Word& b) { return a.box.y0 + a.box.y1 < b.box.y0 + b.box.y1; });
  std::vector<std::vector<Word>> lines;
  Box current;
  for (auto& w : words) {
    if (!lines.empty()) {
      double overlap = std::min(current.y1, w.box.y1) - std::max(current.y0, w.box.y0);
      if (overlap >= 0.5 * std::min(current.height(), w.box.height())) {
        current = merged(current, w.box);
        lines.back().push_back(std::move(w));
        continue;
      }
    }
    current = w.box;
    lines.emplace_back().push_back(std::move(w));
  }
  return lines;
}

// A line's words left to right, split where the gap is wider than 1.5 line heights.
RawLine segment_line(std::vector<Word> words) {
  std::sort(words.begin(), words.end(),
            [](const Word& a, const Word& b) { return a.box.x0 < b.box.x0; });
  std::vector<double> heights;
  for (const auto& w : words) heights.push_back(w.box.height());
  double h = median(heights);
  RawLine line;
  line.box = words.front().box;
  const Word* prev = nullptr;
  for (const auto& w : words) {
    double gap = prev ? w.box.x0 - prev->box.x1 : 0;
    if (!prev || gap > 1.5 * h) {
      line.segments.push_back({w.text, w.box});
    } else {
      Line& seg = line.segments.back();
      if (prev->space_after || gap > 0.2 * h) seg.text += ' ';
      seg.text += w.text;
      seg.box = merged(seg.box, w.box);
    }
    line.box = merged(line.box, w.box);
    prev = &w;
  }
  return line;
}

bool crosses(const RawLine& line, double split) {
  return std::any_of(line.segments.begin(), line.segments.end(),
                     [&](const Line& s) { return s.box.x0 < split && s.box.x1 > split; });
}

// Where a multi-segment line divides: the middle of its widest gap.
double split_of(const RawLine& line) {
  double best = 0, split = 0;
  for (std::size_t i = 1; i < line.segments.size(); ++i) {
    double gap = line.segments[i].box.x0 - line.segments[i - 1].box.x1;
    if (gap > best) {
      best = gap;
      split = (line.segments[i].box.x0 + line.segments[i - 1].box.x1) / 2;
    }
  }
  return split;
}

// Lines [from, to) as a two-column block: the left column's segments, then the right one's.
void emit_columns(const std::vector<RawLine>& raw, std::size_t from, std::size_t to, double split,
                  int& block, std::vector<Line>& out) {
  for (int side = 0; side < 2; ++side) {
    ++block;
    for (std::size_t i = from; i < to; ++i)
      for (const auto& seg : raw[i].segments)
        if ((seg.box.x1 <= split) == (side == 0)) out.push_back({seg.text, seg.box, block, true});
  }
  ++block;
}

Line whole_line(const RawLine& raw, int block) {
  Line line{raw.segments.front().text, raw.box, block, false};
  for (std::size_t i = 1; i < raw.segments.size(); ++i) line.text += ' ' + raw.segments[i].text;
  return line;
}

}  // namespace

std::vector<Line> lines_of(std::vector<Word> words) {
  std::erase_if(words, [](const Word& w) { return w.text.empty() || w.box.height() <= 0; });
  std::vector<RawLine> raw;
  for (auto& group : group_lines(std::move(words))) raw.push_back(segment_line(std::move(group)));
  std::vector<Line> out;
  int block = 0;
  std::size_t done = 0;  // raw lines already emitted
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i].segments.size() < 2) continue;
    double split = split_of(raw[i]);
    std::size_t from = i, to = i + 1;
    while (from > done && raw[from - 1].segments.size() < 2 && !crosses(raw[from - 1], split))
      --from;
    while (to < raw.size() && !crosses(raw[to], split)) ++to;
    for (std::size_t k = done; k < from; ++k) out.push_back(whole_line(raw[k], block));
    emit_columns(raw, from, to, split, block, out);
    done = to;
    i = to - 1;
  }
  for (std::size_t k = done; k < raw.size(); ++k) out.push_back(whole_line(raw[k], block));
  return out;
}

namespace {

bool in_margin_band(const Line& line, double page_height) {
  double band = 0.08 * page_height;
  return line.box.y1 < band || line.box.y0 > page_height - band;
}

std::string furniture_key(const std::string& text) {
  std::string key;
  for (char c : text)
    if (!(c >= '0' && c <= '9') && c != ' ') key += c;
  return key;
}

}  // namespace

void drop_page_furniture(std::vector<std::vector<Line>>& pages,
                         const std::vector<double>& page_heights) {
  static const RE2 kPageNumber(
      R"((?i)^[\s\-–—.]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[\s\-–—.]*$)");
  std::map<std::string, std::size_t> seen;  // key -> pages with it in a margin band
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::map<std::string, bool> here;
    for (const auto& line : pages[p])
      if (in_margin_band(line, page_heights[p])) here[furniture_key(line.text)] = true;
    for (const auto& [key, _] : here) ++seen[key];
  }
  std::size_t repeated = std::max<std::size_t>(2, (pages.size() + 1) / 2);
  for (std::size_t p = 0; p < pages.size(); ++p) {
    std::erase_if(pages[p], [&](const Line& line) {
      if (!in_margin_band(line, page_heights[p])) return false;
      return RE2::FullMatch(line.text, kPageNumber) ||
             (pages.size() >= 3 && seen[furniture_key(line.text)] >= repeated);
    });
  }
}

namespace {

bool starts_lowercase(const std::string& text) {
  if (text.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
  return c > 0 && u_islower(c);
}

bool is_all_caps(const std::string& text) {
  int32_t i = 0, n = static_cast<int32_t>(text.size());
  bool any = false;
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c > 0 && u_islower(c)) return false;
    any = any || (c > 0 && u_isupper(c));
  }
  return any;
}

// "phát-" + "triển" -> "pháttriển" is wrong for Vietnamese syllables but right for the
// hyphenated Latin words PDFs break; a hyphen before a capital or digit is kept ("Số 01-KH").
void append_line(std::string& paragraph, const std::string& line) {
  bool hyphen = paragraph.size() > 1 && paragraph.back() == '-' &&
                (static_cast<unsigned char>(paragraph[paragraph.size() - 2]) >= 0x80 ||
                 std::isalpha(static_cast<unsigned char>(paragraph[paragraph.size() - 2])));
  if (hyphen && starts_lowercase(line)) {
    paragraph.pop_back();
  } else {
    paragraph += ' ';
  }
  paragraph += line;
}

struct Margins {
  double left = 0, right = 0, em = 0, gap = 0;
};

Margins margins_of(const std::vector<Line>& lines) {
  Margins m{1e18, -1e18, 0, 0};
  std::vector<double> heights, gaps;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& l = lines[i];
    heights.push_back(l.box.height());
    if (l.column) continue;
    m.left = std::min(m.left, l.box.x0);
    m.right = std::max(m.right, l.box.x1);
    if (i > 0 && !lines[i - 1].column && lines[i - 1].block == l.block)
      gaps.push_back(std::max(0.0, l.box.y0 - lines[i - 1].box.y1));
  }
  m.em = median(heights);
  m.gap = median(gaps);
  return m;
}

bool centered(const Line& l, const Margins& m) {
  double left = l.box.x0 - m.left, right = m.right - l.box.x1;
  return left > 2 * m.em && right > 2 * m.em && std::abs(left - right) < 2 * m.em;
}

// Inset from both margins by about the same amount: a centered line, however wide.
bool inset_evenly(const Line& l, const Margins& m) {
  double left = l.box.x0 - m.left, right = m.right - l.box.x1;
  return left > 0.5 * m.em && right > 0.5 * m.em && std::abs(left - right) < m.em;
}

bool starts_paragraph(const Line& prev, const Line& line, const Margins& m) {
  if (line.column || prev.column || line.block != prev.block) return true;
  if (line.box.y0 - prev.box.y1 > m.gap + 0.4 * m.em) return true;
  // Wrapped lines of a centered title (trích yếu) belong together; a capitals line is a type.
  if (centered(prev, m) && centered(line, m))
    return is_all_caps(prev.text) ||
           std::abs(prev.box.height() - line.box.height()) > 0.15 * prev.box.height();
  // The body under a title (trích yếu) nearly as wide as the page: OCR gives both one block
  // and the body's line spacing, so only the body's return to the left margin tells them apart.
  if (inset_evenly(prev, m) && line.box.x0 < prev.box.x0 - 0.5 * m.em) return true;
  if (line.box.x0 > prev.box.x0 + 1.5 * m.em) return true;  // first-line indent
  return prev.box.x1 < m.right - 3 * m.em;                  // the previous line ended short
}

}  // namespace

std::vector<std::string> paragraphs_of(const std::vector<Line>& lines) {
  std::vector<std::string> out;
  Margins m = margins_of(lines);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0 || starts_paragraph(lines[i - 1], lines[i], m)) {
      out.push_back(lines[i].text);
    } else {
      append_line(out.back(), lines[i].text);
    }
  }
  return out;
}

}  // namespace tracuu::corpus
