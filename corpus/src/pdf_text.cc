// PDF through poppler-cpp: words with their boxes rebuilt into reading order (page_layout), and
// pages without a text layer rendered at 300 dpi for Tesseract (ocr).
#include "pdf_text.h"

#include <leptonica/allheaders.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "ocr.h"
#include "page_layout.h"

namespace tracuu::corpus {
namespace {

// A page with fewer characters than this in its text layer is a scan (perhaps with a stamped
// page number): it is OCRed.
constexpr std::size_t kMinTextLayerChars = 16;

std::unique_ptr<poppler::document> load(std::string_view bytes) {
  // poppler's complaints about damaged files go to stderr otherwise; we report our own reason.
  static const bool quiet = [] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    return true;
  }();
  (void)quiet;
  return std::unique_ptr<poppler::document>(poppler::document::load_from_raw_data(
      bytes.data(), static_cast<int>(std::min<std::size_t>(bytes.size(), INT32_MAX))));
}

std::string utf8(const poppler::ustring& s) {
  auto bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

std::vector<Word> words_of(const poppler::page& page, std::size_t& chars) {
  std::vector<Word> words;
  for (const auto& box : page.text_list()) {
    auto r = box.bbox();
    Word w{utf8(box.text()),
           {r.x(), r.y(), r.x() + r.width(), r.y() + r.height()},
           box.has_space_after()};
    chars += w.text.size();
    words.push_back(std::move(w));
  }
  return words;
}

// The page as an 8-bit grey image at 300 dpi, or less when that would pass kMaxImagePixels.
Pix* render_page(const poppler::document& doc, int index) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) throw std::runtime_error("page cannot be opened");
  auto rect = page->page_rect();
  double dpi = kOcrDpi;
  double pixels = rect.width() * rect.height() * (dpi / 72) * (dpi / 72);
  if (pixels > kMaxImagePixels) dpi *= std::sqrt(kMaxImagePixels / pixels);
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) throw std::runtime_error("page cannot be rendered for OCR");
  Pix* pix = pixCreate(image.width(), image.height(), 8);
  pixSetResolution(pix, static_cast<int>(dpi), static_cast<int>(dpi));
  l_uint32* data = pixGetData(pix);
  int wpl = pixGetWpl(pix);
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const unsigned char*>(image.const_data()) +
                      static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < image.width(); ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  return pix;
}

std::unique_ptr<poppler::document> load_checked(std::string_view bytes) {
  if (auto problem = pdf_problem(bytes); !problem.empty()) throw std::runtime_error(problem);
  return load(bytes);
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) {
  return bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos;
}

std::string pdf_problem(std::string_view bytes) {
  if (!looks_like_pdf(bytes)) return "not a PDF file (no %PDF header)";
  // poppler rebuilds a cut file's cross-reference table and would index part of it silently.
  if (bytes.substr(bytes.size() > 2048 ? bytes.size() - 2048 : 0).find("%%EOF") ==
      std::string_view::npos)
    return "truncated or damaged PDF (no end-of-file marker); not read";
  auto doc = load(bytes);
  if (!doc) return "damaged PDF (cannot be parsed); not read";
  if (doc->is_locked()) return "encrypted PDF (needs a password); not read";
  int pages = doc->pages();
  if (pages <= 0) return "PDF without pages (damaged?); not read";
  if (pages > kMaxPdfPages)
    return "PDF of " + std::to_string(pages) + " pages, over the limit of " +
           std::to_string(kMaxPdfPages) + " pages; not read";
  return "";
}

std::vector<PageText> read_pdf(std::string_view bytes) {
  auto doc = load_checked(bytes);
  int n = doc->pages();
  std::vector<std::vector<Line>> lines(static_cast<std::size_t>(n));
  std::vector<double> heights(lines.size());
  std::vector<int> scanned;
  for (int i = 0; i < n; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    std::size_t chars = 0;
    std::vector<Word> words = page ? words_of(*page, chars) : std::vector<Word>();
    if (chars < kMinTextLayerChars) {
      scanned.push_back(i);
      continue;
    }
    lines[i] = lines_of(std::move(words));
    heights[i] = page->page_rect().height();
  }
  if (scanned.size() > static_cast<std::size_t>(kMaxOcrPages))
    throw std::runtime_error(std::to_string(scanned.size()) + " pages to OCR, over the limit of " +
                             std::to_string(kMaxOcrPages) + "; not read");
  std::vector<PageText> pages(lines.size());
  auto ocred =
      ocr_images(scanned.size(), [&](std::size_t k) { return render_page(*doc, scanned[k]); });
  for (std::size_t k = 0; k < scanned.size(); ++k) {
    auto i = static_cast<std::size_t>(scanned[k]);
    lines[i] = std::move(ocred[k].lines);
    heights[i] = ocred[k].height;
    pages[i].ocr_confidence = ocred[k].confidence;
  }
  drop_page_furniture(lines, heights);
  for (std::size_t i = 0; i < lines.size(); ++i) pages[i].paragraphs = paragraphs_of(lines[i]);
  return pages;
}

PageText read_image(std::string_view bytes) {
  auto ocred = ocr_images(1, [&](std::size_t) { return decode_image(bytes); });
  std::vector<std::vector<Line>> lines{std::move(ocred[0].lines)};
  drop_page_furniture(lines, {ocred[0].height});
  return {paragraphs_of(lines[0]), ocred[0].confidence};
}

}  // namespace tracuu::corpus
