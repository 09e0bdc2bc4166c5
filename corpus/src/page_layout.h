// Page geometry into reading order: words into lines, a two-column block (an official header, a
// signature block) read left column first, running headers and page numbers dropped, wrapped
// lines joined into paragraphs. Shared by the PDF text layer and OCR output.
#pragma once

#include <string>
#include <vector>

namespace tracuu::corpus {

// Coordinates in points or pixels, origin at the top left, y downwards.
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double height() const { return y1 - y0; }
};

struct Word {
  std::string text;
  Box box;
  bool space_after = true;
};

struct Line {
  std::string text;
  Box box;
  int block = 0;        // lines of different blocks never join into one paragraph
  bool column = false;  // part of a two-column block: a paragraph of its own
};

// A page's words (any order) into lines in reading order.
std::vector<Line> lines_of(std::vector<Word> words);

// Drops page furniture from pages of one document: page numbers ("3", "- 3 -", "Trang 3") and
// lines repeated on most pages ("TỈNH ỦY LÀO CAI - Kế hoạch 01", digits aside), both only in the
// top or bottom band of a page of height `page_heights[i]`.
void drop_page_furniture(std::vector<std::vector<Line>>& pages,
                         const std::vector<double>& page_heights);

// A page's lines (reading order) into paragraphs: wrapped lines joined, hyphenated words mended.
std::vector<std::string> paragraphs_of(const std::vector<Line>& lines);

}  // namespace tracuu::corpus
