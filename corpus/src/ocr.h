// OCR with Tesseract ("vie") on a process-wide pool of one thread per core, each with its own
// TessBaseAPI (an instance is not thread-safe and costs ~40 MB, so there are never more).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "page_layout.h"

struct Pix;

namespace tracuu::corpus {

// Bounds: larger images are refused before decoding; a page gives up after kOcrPageSeconds.
constexpr double kMaxImagePixels = 40e6;  // a 300 dpi A3 page is 17.4 megapixels
constexpr int kOcrPageSeconds = 120;
constexpr int kOcrDpi = 300;  // what Tesseract is trained for

struct OcrPage {
  std::vector<Line> lines;  // reading order, pixels, text normalized (tone placement, look-alikes)
  double height = 0;        // of the image, in pixels
  double confidence = 0;    // Tesseract's mean word confidence, 0-100
};

// Recognizes `count` images. `image_of(i)` is called one call at a time (PDF renderers are not
// thread-safe) on a pool thread and must return an owned Pix (freed here); recognition runs on
// all cores. Throws std::runtime_error when an image cannot be made or Tesseract's Vietnamese
// data is missing.
std::vector<OcrPage> ocr_images(std::size_t count,
                                const std::function<Pix*(std::size_t)>& image_of);

// A reason an image file cannot be OCRed (unknown format, over kMaxImagePixels), or "".
std::string image_problem(std::string_view bytes);

// Decodes an image file (PNG, JPEG, TIFF...) for OCR; throws std::runtime_error with a reason.
Pix* decode_image(std::string_view bytes);

}  // namespace tracuu::corpus
