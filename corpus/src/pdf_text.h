// PDF files through poppler: the text layer in reading order, OCR for pages without one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::corpus {

// Bounds: a longer PDF is refused (bounded time and memory), as are pages to OCR beyond
// kMaxOcrPages (about an hour of one core at ~7 s a page).
constexpr int kMaxPdfPages = 1000;
constexpr int kMaxOcrPages = 500;

struct PageText {
  std::vector<std::string> paragraphs;   // reading order, page furniture dropped
  std::optional<double> ocr_confidence;  // 0-100 when the text came from OCR
};

// True when the bytes start like a PDF ("%PDF-" within the first KB, as readers accept).
bool looks_like_pdf(std::string_view bytes);

// Why the PDF cannot be read (damaged, encrypted, empty, too many pages), or "".
std::string pdf_problem(std::string_view bytes);

// The text of every page; pages with no text layer are OCRed on all cores. Throws
// std::runtime_error with the reason when the file cannot be read.
std::vector<PageText> read_pdf(std::string_view bytes);

// An image file's text by OCR, as one page; throws std::runtime_error with a reason.
PageText read_image(std::string_view bytes);

}  // namespace tracuu::corpus
