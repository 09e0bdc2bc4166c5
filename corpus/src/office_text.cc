// Table layout: an official header is a two-column table (issuer and "Số:" on the left, the
// motto and place-and-date on the right). Read row by row it would interleave the columns, so it
// is read column by column, which is the order the header parser knows from plain-text texts.
#include "office_text.h"

#include "format_readers.h"

namespace tracuu::corpus {
namespace {

bool is_header_table(const std::vector<TableRow>& rows) {
  bool two_columns = !rows.empty() && rows.size() <= 4;
  bool official = false;
  for (const auto& row : rows) {
    if (row.size() != 2) two_columns = false;
    for (const auto& cell : row)
      for (const auto& p : cell)
        if (p.rfind("Số", 0) == 0 || p.find("CỘNG HÒA XÃ HỘI") != std::string::npos ||
            p.find("ĐẢNG CỘNG SẢN VIỆT NAM") != std::string::npos)
          official = true;
  }
  return two_columns && official;
}

std::string join_cell(const TableCell& cell) {
  std::string out;
  for (const auto& p : cell) out += (out.empty() || p.empty() ? "" : " ") + p;
  return out;
}

}  // namespace

std::string squeeze_spaces(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      out += c;
      space = false;
    }
  }
  return out;
}

void OfficeText::add_paragraph(std::string text) {
  text = squeeze_spaces(text);
  if (!text.empty()) lines_.push_back(std::move(text));
}

void OfficeText::add_table(const std::vector<TableRow>& rows) {
  if (is_header_table(rows)) {
    for (std::size_t col = 0; col < 2; ++col)
      for (const auto& row : rows)
        for (const auto& p : row[col]) add_paragraph(p);
    return;
  }
  for (const auto& row : rows) {
    std::string line;
    for (const auto& cell : row) {
      std::string text = squeeze_spaces(join_cell(cell));
      if (!text.empty()) line += (line.empty() ? "" : " | ") + text;
    }
    add_paragraph(line);
  }
}

void OfficeText::add_footnote(const std::string& label, std::string text) {
  text = squeeze_spaces(text);
  if (!text.empty()) footnotes_.push_back("[" + label + "] " + text);
}

std::string OfficeText::finish() {
  std::string out;
  for (const auto* part : {&lines_, &footnotes_})
    for (const auto& line : *part) out += line + "\n";
  if (out.empty()) throw FormatError("no text in the document (only images or empty)");
  return out;
}

}  // namespace tracuu::corpus
