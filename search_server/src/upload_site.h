// The upload page behind a login (issue #20): GET/POST /dang-nhap exchanges a write token for a
// session cookie, POST /dang-xuat ends it, GET /tai-len is the page and POST /tai-len its plain
// (no-JavaScript) form, POST /tai-len/sua a correction from that form. Every state-changing
// request made with the cookie carries the session's CSRF token and must come from this site.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "access.h"
#include "ingest.h"
#include "rate_limit.h"
#include "reply.h"
#include "sessions.h"

namespace tracuu::server {

inline constexpr const char* kSessionCookie = "tracuu_phien";

class UploadSite {
 public:
  // `access`, `ingest` and `rate` are null when the server runs without --writes: the pages then
  // say that uploads are off.
  UploadSite(Access* access, Ingest* ingest, RateLimit* rate, std::size_t max_upload_bytes)
      : access_(access), ingest_(ingest), rate_(rate), max_upload_bytes_(max_upload_bytes) {}

  // Whether `path` is one of its pages.
  static bool serves(std::string_view path);

  // Throws HttpError (its pages' errors are HTML) and IndexError like the write API.
  Reply handle(Poco::Net::HTTPServerRequest& req, const std::string& path);

  // Who makes a write through the API: the bearer token when there is an Authorization header
  // (as before: no cookie, no CSRF); otherwise the session of the cookie, for a same-origin
  // request with the session's X-CSRF-Token. 401 `unauthorized` with neither (or an expired
  // session), 403 `csrf` / `cross_site` / `forbidden` otherwise.
  indexer::TokenInfo api_writer(const Poco::Net::HTTPServerRequest& req);

  // The live session of the request's cookie, if any; ended when its token may no longer write.
  std::optional<Session> session_of(const Poco::Net::HTTPServerRequest& req);

 private:
  Reply login_page(const Poco::Net::HTTPServerRequest& req);
  Reply login(Poco::Net::HTTPServerRequest& req);
  Reply logout(Poco::Net::HTTPServerRequest& req);
  Reply upload_page(const Poco::Net::HTTPServerRequest& req);
  Reply upload(Poco::Net::HTTPServerRequest& req);
  Reply correction(Poco::Net::HTTPServerRequest& req);
  // The session a form's post is made in, its origin and CSRF field checked; 401/403 otherwise.
  Session form_session(const Poco::Net::HTTPServerRequest& req, const std::string& csrf);
  void take_rate(const std::string& token_name);

  Access* access_;
  Ingest* ingest_;
  RateLimit* rate_;
  std::size_t max_upload_bytes_;
  Sessions sessions_;
};

// 403 `cross_site` when the request says it comes from another site: a Sec-Fetch-Site other than
// same-origin (or none: typed by the user), or an Origin whose host is not the Host it was sent to.
void require_same_origin(const Poco::Net::HTTPServerRequest& req);

}  // namespace tracuu::server
