// The document page's links to its original: "Tải bản gốc (PDF, 12 trang, 1,3 MB)" and, for a
// PDF, each paragraph's page (/files/{id}#page=N).
#pragma once

#include <cstdint>
#include <string>

#include "tracuu/corpus/document.h"

namespace tracuu::server {

// 1363149 -> "1,3 MB", 3482 -> "3,4 KB": Vietnamese sizes, with a decimal comma.
std::string size_vi(std::uint64_t bytes);

// "Tải bản gốc (PDF, 12 trang, 1,3 MB)"; the pages only when the original has them.
std::string original_link_label(const corpus::Document& doc);

// True when the index keeps the document's original (it is served at /files/{id}).
bool has_stored_original(const corpus::Document& doc);

// True when the stored original is a PDF, whose viewer opens at #page=N.
bool original_has_pages(const corpus::Document& doc);

}  // namespace tracuu::server
