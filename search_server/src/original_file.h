// GET /files/{id}: a document's original from the originals store, with the headers that name it.
#pragma once

#include <filesystem>
#include <string>

#include "reply.h"
#include "tracuu/corpus/document.h"

namespace tracuu::server {

// RFC 6266 Content-Disposition carrying `name`: an ASCII fallback in `filename` (accents folded,
// quotes and controls replaced) and the exact UTF-8 name in RFC 5987's `filename*`.
std::string content_disposition(std::string_view type, std::string_view name);

// The stored file of `doc` under the index `db_path`; HttpError 404 (in Vietnamese) when the
// document has no stored original or the file is gone.
Reply original_reply(const std::filesystem::path& db_path, const corpus::Document& doc);

}  // namespace tracuu::server
