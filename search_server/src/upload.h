// The body of a write (POST/PUT /api/documents): a JSON record or a multipart upload, read within
// the size limit and turned into the raw document the indexer's pipeline takes.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/NameValueCollection.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tracuu/corpus/raw_document.h"

namespace tracuu::server {

// What a write submits: one raw document, and for a file the file's bytes' identity.
struct Submission {
  corpus::RawDocument raw;
  bool is_file = false;  // multipart upload (duplicates are found by the file's SHA-256)
  std::string bytes;     // the uploaded file, for the duplicate check (empty for a record)
  std::string csrf;      // the form's `csrf` field (the upload page's plain form)
};

// Reads and parses the body; throws HttpError: 413 `too_large` over `max_bytes` (from
// Content-Length before reading, or while reading a chunked body), 415 `unsupported_type` for
// a content type other than JSON and multipart/form-data, or a file tracuu cannot read (told by
// its bytes, as the indexer tells them), 400 `bad_record` / `bad_upload` for a malformed body,
// 422 `unreadable` when the file holds no document (empty, damaged) or several (JSON lines).
// `id`, when given (PUT), is the document's id whatever the body says.
Submission read_submission(Poco::Net::HTTPServerRequest& req, std::size_t max_bytes,
                           const std::optional<std::string>& id);

// A JSON object body (PATCH): 415 for another content type, 413/411 as above, 400 `bad_record`
// when it is not one object (or is nested deeper than 8 levels).
nlohmann::json read_json_object(Poco::Net::HTTPServerRequest& req, std::size_t max_bytes);

// An application/x-www-form-urlencoded body (the login and logout forms) of at most `max_bytes`:
// 413/411 as above, 415 for another content type.
Poco::Net::NameValueCollection read_form(Poco::Net::HTTPServerRequest& req, std::size_t max_bytes);

// 413 `too_large` when the request's Content-Length is over `max_bytes`.
void check_declared_size(const Poco::Net::HTTPServerRequest& req, std::size_t max_bytes);

// After a refused write's reply is sent: reads and drops what the client is still sending (at
// most 8 MB, waiting at most a second for each piece), so that closing the connection does not
// reset it under a reply the client has not read yet (a "lingering close", as nginx does).
void discard_rest(Poco::Net::HTTPServerRequest& req) noexcept;

// Ids from a request path: 1-200 bytes of UTF-8, no control characters, no '/'.
bool valid_document_id(const std::string& id);

}  // namespace tracuu::server
