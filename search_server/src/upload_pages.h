// The upload page's HTML (/dang-nhap, /tai-len): Vietnamese, working without JavaScript
// (web/static/upload.js adds several files at once, progress and in-place corrections).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tracuu::server {

// /tai-len and /dang-nhap when the server runs without --writes.
std::string render_uploads_off();
// The login form; `error` (Vietnamese) is shown above it when not empty.
std::string render_login(const std::string& error);
// The upload form of a logged-in session.
std::string render_upload(const std::string& csrf, const std::string& token_name,
                          std::size_t max_upload_mb);
// The plain form's result: `written` is the write API's reply ({"id", "duplicate"?, "document"}),
// shown for review with a correction form.
std::string render_uploaded(const nlohmann::json& written, const std::string& csrf);

}  // namespace tracuu::server
