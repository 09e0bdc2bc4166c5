// How far the process's OCR has got, for progress bars: pages recognize in the background of
// extraction, so a bar counting documents alone would stand still on a long scan.
#pragma once

#include <cstddef>

namespace tracuu::corpus {

struct OcrProgress {
  std::size_t pages_done = 0;
  std::size_t pages_total = 0;  // pages queued for OCR so far (grows as documents are opened)
};

// Totals since the process started; safe from any thread.
OcrProgress ocr_progress();

}  // namespace tracuu::corpus
