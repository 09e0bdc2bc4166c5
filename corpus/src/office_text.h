// Word-processor content as text lines the extractor reads like a .txt: one paragraph a line,
// tables as rows, an official text's header table laid out as the header parser expects.
#pragma once

#include <string>
#include <vector>

namespace tracuu::corpus {

using TableCell = std::vector<std::string>;  // the cell's paragraphs
using TableRow = std::vector<TableCell>;

class OfficeText {
 public:
  void add_paragraph(std::string text);
  void add_table(const std::vector<TableRow>& rows);
  void add_footnote(const std::string& label, std::string text);
  // Paragraphs, then footnotes; throws FormatError when nothing readable was found.
  std::string finish();

 private:
  std::vector<std::string> lines_;
  std::vector<std::string> footnotes_;
};

// Whitespace runs as one space, trimmed: XML text nodes carry layout spaces and tabs.
std::string squeeze_spaces(const std::string& text);

}  // namespace tracuu::corpus
