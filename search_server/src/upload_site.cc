// The upload page behind a login (upload_site.h).
#include "upload_site.h"

#include <Poco/Net/NameValueCollection.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include "http_error.h"
#include "pages.h"
#include "upload.h"
#include "upload_pages.h"

namespace tracuu::server {
namespace {

using Poco::Net::HTTPServerRequest;

constexpr std::size_t kMaxFormBytes = 64 * 1024;  // the login, logout and correction forms

HttpError csrf_refused() {
  return {403, "csrf",
          "Thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang tải lên rồi thử lại."};
}

HttpError session_needed() {
  return {401, "unauthorized",
          "Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập: hãy đăng nhập lại."};
}

Reply redirect(const std::string& location) {
  Reply r = html_reply("");
  r.status = 303;
  r.cache_control = "no-store";
  r.headers.emplace_back("Location", location);
  return r;
}

Reply page(int status, std::string html) {
  Reply r = html_reply(std::move(html));
  r.status = status;
  r.cache_control = "no-store";  // pages with a CSRF token are the session's alone
  return r;
}

// HttpOnly: scripts cannot read it; SameSite=Strict: no other site's link or form sends it; Path=/
// for the API's writes. Secure only when the proxy says the browser came over https (the
// X-Forwarded-Proto of docs/deploy.md): on plain loopback http a Secure cookie would not come back.
std::string session_cookie(const HTTPServerRequest& req, const std::string& value,
                           long max_age_seconds) {
  std::string cookie =
      std::string(kSessionCookie) + "=" + value +
      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
  if (Poco::icompare(req.get("X-Forwarded-Proto", ""), "https") == 0) cookie += "; Secure";
  return cookie;
}

std::string cookie_of(const HTTPServerRequest& req) {
  Poco::Net::NameValueCollection cookies;
  req.getCookies(cookies);
  return cookies.get(kSessionCookie, "");
}

std::string trimmed(std::string s) {
  const char* space = " \t\r\n";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

}  // namespace

void require_same_origin(const HTTPServerRequest& req) {
  const HttpError refused{403, "cross_site", "Yêu cầu gửi từ trang web khác bị từ chối."};
  const std::string site = req.get("Sec-Fetch-Site", "");
  if (!site.empty() && site != "same-origin" && site != "none") throw refused;
  const std::string origin = req.get("Origin", "");
  if (origin.empty()) return;
  const auto scheme_end = origin.find("://");
  if (scheme_end == std::string::npos || origin.substr(scheme_end + 3) != req.getHost())
    throw refused;
}

bool UploadSite::serves(std::string_view path) {
  return path == "/dang-nhap" || path == "/dang-xuat" || path == "/tai-len" ||
         path == "/tai-len/sua";
}

Reply UploadSite::handle(HTTPServerRequest& req, const std::string& path) {
  const std::string& method = req.getMethod();
  const bool get = method == "GET" || method == "HEAD";
  if (get && (path == "/tai-len" || path == "/dang-nhap")) {
    if (!ingest_) return page(200, render_uploads_off());
    return path == "/tai-len" ? upload_page(req) : login_page(req);
  }
  if (method == "POST" && ingest_) {
    if (path == "/dang-nhap") return login(req);
    if (path == "/dang-xuat") return logout(req);
    if (path == "/tai-len") return upload(req);
    if (path == "/tai-len/sua") return correction(req);
  }
  throw HttpError{405, "method_not_allowed", "Phương thức không được hỗ trợ ở địa chỉ này."};
}

std::optional<Session> UploadSite::session_of(const HTTPServerRequest& req) {
  if (!access_) return std::nullopt;
  const std::string id = cookie_of(req);
  if (id.empty()) return std::nullopt;
  auto session = sessions_.find(id);
  if (session && !access_->may_write(session->token_name)) {
    sessions_.end_all_of(session->token_name);  // revoked since the login
    return std::nullopt;
  }
  return session;
}

indexer::TokenInfo UploadSite::api_writer(const HTTPServerRequest& req) {
  if (req.has("Authorization") || cookie_of(req).empty()) return access_->require(req, true);
  auto session = session_of(req);
  if (!session) throw session_needed();
  require_same_origin(req);
  if (!same_secret(req.get("X-CSRF-Token", ""), session->csrf)) throw csrf_refused();
  return indexer::TokenInfo{session->token_name, indexer::TokenRight::kWrite, ""};
}

Session UploadSite::form_session(const HTTPServerRequest& req, const std::string& csrf) {
  auto session = session_of(req);
  if (!session) throw session_needed();
  require_same_origin(req);
  if (!same_secret(csrf, session->csrf)) throw csrf_refused();
  return *session;
}

void UploadSite::take_rate(const std::string& token_name) {
  if (int wait = rate_->take(token_name))
    throw HttpError{429, "rate_limited",
                    "Quá nhiều lượt ghi; hãy thử lại sau " + std::to_string(wait) + " giây."};
}

Reply UploadSite::login_page(const HTTPServerRequest& req) {
  if (session_of(req)) return redirect("/tai-len");
  return page(200, render_login(""));
}

// Login CSRF (another site logging the browser in under its own token) is refused by the origin
// check; the token itself is compared in constant time by the store and never logged.
Reply UploadSite::login(HTTPServerRequest& req) {
  require_same_origin(req);
  auto form = read_form(req, kMaxFormBytes);
  auto who = access_->verify(trimmed(form.get("token", "")));
  if (!who) {
    Reply r = page(401, render_login("Mã truy cập không đúng hoặc đã bị thu hồi."));
    r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"tracuu\"");
    return r;
  }
  if (who->right != indexer::TokenRight::kWrite)
    return page(403, render_login("Mã truy cập này chỉ được đọc, không được tải văn bản lên."));
  auto started = sessions_.start(who->name);
  Reply r = redirect("/tai-len");
  r.headers.emplace_back("Set-Cookie",
                         session_cookie(req, started.id, sessions_.lifetime().count()));
  return r;
}

Reply UploadSite::logout(HTTPServerRequest& req) {
  auto form = read_form(req, kMaxFormBytes);
  form_session(req, form.get("csrf", ""));
  sessions_.end(cookie_of(req));
  Reply r = redirect("/");
  r.headers.emplace_back("Set-Cookie", session_cookie(req, "", 0));
  return r;
}

Reply UploadSite::upload_page(const HTTPServerRequest& req) {
  auto session = session_of(req);
  if (!session) return redirect("/dang-nhap");
  return page(200, render_upload(session->csrf, session->token_name, max_upload_bytes_ >> 20));
}

// The plain form: the body is read first (its CSRF token is in it) and checked before anything is
// written.
Reply UploadSite::upload(HTTPServerRequest& req) {
  auto session = session_of(req);
  if (!session) throw session_needed();
  require_same_origin(req);
  take_rate(session->token_name);
  Submission s = read_submission(req, max_upload_bytes_, std::nullopt);
  if (!same_secret(s.csrf, session->csrf)) throw csrf_refused();
  Reply written =
      ingest_->add(std::move(s), {session->token_name, indexer::TokenRight::kWrite, ""});
  return page(written.status,
              render_uploaded(nlohmann::json::parse(written.body, nullptr, false), session->csrf));
}

// The plain correction form: what is filled in, provinces comma-separated.
Reply UploadSite::correction(HTTPServerRequest& req) {
  auto form = read_form(req, kMaxFormBytes);
  Session session = form_session(req, form.get("csrf", ""));
  take_rate(session.token_name);
  const std::string id = form.get("id", "");
  if (!valid_document_id(id)) throw HttpError{400, "bad_id", "Mã văn bản không hợp lệ."};
  nlohmann::json fields = nlohmann::json::object();
  for (const char* name : {"title", "date", "type"})
    if (auto v = trimmed(form.get(name, "")); !v.empty()) fields[name] = v;
  if (auto v = trimmed(form.get("provinces", "")); !v.empty()) {
    fields["provinces"] = nlohmann::json::array();
    Poco::StringTokenizer names(
        v, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const auto& name : names) fields["provinces"].push_back(name);
  }
  ingest_->correct(id, fields, {session.token_name, indexer::TokenRight::kWrite, ""});
  return redirect("/d/" + url_encode(id));
}

}  // namespace tracuu::server
