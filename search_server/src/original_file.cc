// The original's reply. The file is found by the SHA-256 in the document's record, never by
// anything in the request, so no request reaches another path (docs/originals.md).
#include "original_file.h"

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "http_error.h"
#include "tracuu/indexer/originals_store.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::server {
namespace {

bool is_attr_char(unsigned char c) {  // RFC 5987 attr-char: sent as it is in filename*
  return std::isalnum(c) ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string ascii_fallback(std::string_view name) {
  std::string out;
  for (char c : tokenizer::fold(name)) {
    auto u = static_cast<unsigned char>(c);
    out += u >= 0x20 && u < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_';
  }
  return out;
}

// A PDF opens in the browser's viewer so that /files/{id}#page=N shows that page; everything else
// is saved (an HTML or text original must never render as a page of this site).
bool opens_inline(const std::string& content_type) { return content_type == "application/pdf"; }

}  // namespace

std::string content_disposition(std::string_view type, std::string_view name) {
  std::string encoded;
  for (unsigned char c : name) {
    if (is_attr_char(c)) {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += hex;
    }
  }
  return std::string(type) + "; filename=\"" + ascii_fallback(name) + "\"; filename*=UTF-8''" +
         encoded;
}

Reply original_reply(const std::filesystem::path& db_path, const corpus::Document& doc) {
  const HttpError none{404, "not_found", "Kho không lưu bản gốc của văn bản này."};
  if (!doc.original || !doc.original->sha256) throw none;
  auto path = indexer::OriginalsStore::path_of(db_path, *doc.original->sha256);
  std::ifstream in;
  if (path) in.open(*path, std::ios::binary);
  if (!in) throw none;
  Reply reply;
  reply.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (reply.body.size() != doc.original->bytes) throw none;  // never half a file
  const std::string& type = doc.original->content_type;
  reply.content_type = type.empty() ? "application/octet-stream" : type;
  reply.etag = "\"" + *doc.original->sha256 + "\"";
  reply.headers.emplace_back(
      "Content-Disposition",
      content_disposition(opens_inline(type) ? "inline" : "attachment", doc.original->name));
  if (!opens_inline(type)) reply.headers.emplace_back("Content-Security-Policy", "sandbox");
  return reply;
}

}  // namespace tracuu::server
