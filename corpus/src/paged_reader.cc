// The cheap checks of a PDF or an image before it is queued: a refused file costs one parse of
// the PDF's cross-reference table or of the image's header, never a page.
#include "paged_reader.h"

#include <algorithm>
#include <stdexcept>

#include "ocr.h"
#include "pdf_text.h"

namespace tracuu::corpus {

RawDocument paged_document(FileFormat format, std::string_view bytes) {
  RawDocument raw;
  raw.format = format == FileFormat::kPdf ? RawDocument::Format::kPdf : RawDocument::Format::kImage;
  std::string problem = format == FileFormat::kPdf ? pdf_problem(bytes) : image_problem(bytes);
  if (!problem.empty()) throw std::runtime_error(problem);
  raw.content = std::string(bytes);
  return raw;
}

std::string false_paged_claim(const std::string& origin) {
  std::string name = origin;
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (name.ends_with(".pdf")) return "not a PDF file (no %PDF header)";
  for (const char* ext : {".png", ".jpg", ".jpeg", ".tif", ".tiff"})
    if (name.ends_with(ext)) return "not a PNG, JPEG or TIFF image (unknown content)";
  return "";
}

}  // namespace tracuu::corpus
