// Labels of the link to a document's original, in Vietnamese number format.
#include "original_link.h"

#include <array>
#include <string_view>
#include <utility>

namespace tracuu::server {
namespace {

// The format a reader knows by name, from the original's MIME type.
std::string_view format_name(std::string_view content_type) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 9> kNames{{
      {"application/pdf", "PDF"},
      {"application/vnd.openxmlformats-officedocument.wordprocessingml", "Word"},
      {"application/vnd.oasis.opendocument.text", "ODT"},
      {"application/msword", "Word 97-2003"},
      {"image/png", "ảnh PNG"},
      {"image/jpeg", "ảnh JPEG"},
      {"image/tiff", "ảnh TIFF"},
      {"text/html", "HTML"},
      {"text/plain", "văn bản thuần"},
  }};
  for (const auto& [prefix, name] : kNames)
    if (content_type.starts_with(prefix)) return name;
  return "tệp";
}

// One decimal, with a comma: 13 tenths -> "1,3"; whole numbers lose the ",0" above 10.
std::string tenths_vi(std::uint64_t tenths) {
  if (tenths >= 100) return std::to_string((tenths + 5) / 10);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10);
}

}  // namespace

std::string size_vi(std::uint64_t bytes) {
  constexpr std::uint64_t kKiB = 1024, kMiB = 1024 * 1024;
  if (bytes < kKiB) return std::to_string(bytes) + " byte";
  if (bytes < kMiB) return tenths_vi((bytes * 10 + kKiB / 2) / kKiB) + " KB";
  return tenths_vi((bytes * 10 + kMiB / 2) / kMiB) + " MB";
}

std::string original_link_label(const corpus::Document& doc) {
  std::string label = "Tải bản gốc (" + std::string(format_name(doc.original->content_type));
  if (doc.pages) label += ", " + std::to_string(*doc.pages) + " trang";
  return label + ", " + size_vi(doc.original->bytes) + ")";
}

bool has_stored_original(const corpus::Document& doc) {
  return doc.original && doc.original->sha256;
}

bool original_has_pages(const corpus::Document& doc) {
  return has_stored_original(doc) && doc.original->content_type == "application/pdf";
}

}  // namespace tracuu::server
