// The upload page's login, sessions, CSRF and corrections (issue #20) end to end: a real server
// with --writes on an ephemeral loopback port, requests as a browser sends them (cookie, form
// fields, X-CSRF-Token, Origin), and the index and change feed checked after each.
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/NameValueCollection.h>

#include <chrono>
#include <regex>
#include <thread>

#include "ingest_fixture.h"

namespace fs = std::filesystem;
using tracuu::test::encode;
using tracuu::test::hit_ids;
using tracuu::test::IngestServer;
using tracuu::test::kMultipart;
using tracuu::test::multipart;
using tracuu::test::record;
using tracuu::test::send;
using tracuu::test::Sent;

namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// One request as a browser makes it: its cookie (the session id, or none) and any headers.
Sent browse(std::uint16_t port, const std::string& method, const std::string& uri,
            const std::string& session, const Headers& headers = {},
            const std::string& content_type = "", const std::string& body = "") {
  Poco::Net::HTTPClientSession client("127.0.0.1", port);
  client.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!session.empty()) {
    Poco::Net::NameValueCollection cookies;
    cookies.add("tracuu_phien", session);
    req.setCookies(cookies);
  }
  for (const auto& [name, value] : headers) req.set(name, value);
  if (!content_type.empty()) req.setContentType(content_type);
  if (method == "POST" || method == "PATCH" || method == "PUT")
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  client.sendRequest(req) << body;
  Sent s;
  Poco::StreamCopier::copyToString(client.receiveResponse(s.head), s.body);
  s.status = s.head.getStatus();
  return s;
}

const std::string kForm = "application/x-www-form-urlencoded";

Sent log_in(std::uint16_t port, const std::string& token, const Headers& headers = {}) {
  return browse(port, "POST", "/dang-nhap", "", headers, kForm, "token=" + encode(token));
}

// The session id a login's Set-Cookie gives ("" when none).
std::string session_of(const Sent& login) {
  std::smatch m;
  const std::string cookie = login.head.get("Set-Cookie", "");
  return std::regex_search(cookie, m, std::regex("tracuu_phien=([0-9a-f]*)")) ? m[1].str() : "";
}

// The CSRF token the upload page gives its forms.
std::string csrf_of(std::uint16_t port, const std::string& session) {
  auto page = browse(port, "GET", "/tai-len", session);
  std::smatch m;
  return std::regex_search(page.body, m, std::regex("name=\"csrf\" value=\"([0-9a-f]{64})\""))
             ? m[1].str()
             : "";
}

const std::string kNotice = "Thông báo lịch trực phòng chống lụt bão tại xã Mường Khương";
const std::string kNoticeText = kNotice +
                                "\n\nỦy ban nhân dân xã phân công cán bộ trực ban phòng chống "
                                "lụt bão suốt mùa mưa, mỗi ca hai người, có mặt tại trụ sở.\n";

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_F(IngestServer, LoginWithAWriteTokenSetsAnHttpOnlySameSiteStrictCookie) {
  auto port = start();
  auto form = browse(port, "GET", "/dang-nhap", "");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("Mã truy cập"), std::string::npos);
  auto r = log_in(port, writer_);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.head.get("Location", ""), "/tai-len");
  const std::string cookie = r.head.get("Set-Cookie", "");
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain http on loopback: " << cookie;
  const std::string session = session_of(r);
  EXPECT_EQ(session.size(), 64u) << "256 random bits in hex";
  EXPECT_EQ(cookie.find(writer_), std::string::npos) << "the token is never the cookie";
  // The page is the session's: its user's token name and the form, never the token.
  auto page = browse(port, "GET", "/tai-len", session);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("wiki-noi-bo"), std::string::npos);
  EXPECT_NE(page.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_EQ(page.body.find(writer_), std::string::npos);
  EXPECT_EQ(page.head.get("Cache-Control", ""), "no-store");
  EXPECT_EQ(csrf_of(port, session).size(), 64u);
  // Behind a proxy that terminates TLS the cookie is Secure.
  auto https = log_in(port, writer_, {{"X-Forwarded-Proto", "https"}});
  EXPECT_NE(https.head.get("Set-Cookie", "").find("; Secure"), std::string::npos);
  // Without a session the page sends the browser to the login.
  auto anonymous = browse(port, "GET", "/tai-len", "");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.head.get("Location", ""), "/dang-nhap");
}

TEST_F(IngestServer, ABadTokenIsA401PageAndNoCookie) {
  auto port = start();
  auto r = log_in(port, "tracuu_khong-phai-ma-that");
  EXPECT_EQ(r.status, 401);
  EXPECT_NE(r.head.getContentType().find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find("Mã truy cập không đúng"), std::string::npos) << r.body;
  EXPECT_FALSE(r.head.has("Set-Cookie"));
  EXPECT_EQ(log_in(port, "").status, 401);
}

TEST_F(IngestServer, AReadOnlyTokenCannotLogInToUpload) {
  auto port = start();
  auto r = log_in(port, reader_);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("chỉ được đọc"), std::string::npos) << r.body;
  EXPECT_FALSE(r.head.has("Set-Cookie"));
}

TEST_F(IngestServer, ALoginFromAnotherSiteIsRefused) {
  auto port = start();
  auto r = log_in(port, writer_, {{"Origin", "https://trang-khac.example"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_FALSE(r.head.has("Set-Cookie"));
  EXPECT_EQ(log_in(port, writer_, {{"Sec-Fetch-Site", "cross-site"}}).status, 403);
}

TEST_F(IngestServer, UploadWithTheCookieButWithoutTheCsrfTokenIs403AndNothingIsIndexed) {
  auto port = start();
  const std::string session = session_of(log_in(port, writer_));
  const std::string csrf = csrf_of(port, session);
  ASSERT_EQ(csrf.size(), 64u);
  const std::string body = multipart("lich-truc.txt", kNoticeText);
  // The API with the cookie: no header, a wrong one, the right one from another site.
  auto none = browse(port, "POST", "/api/documents", session, {}, kMultipart, body);
  EXPECT_EQ(none.status, 403) << none.body;
  EXPECT_EQ(none.json()["error"]["code"], "csrf");
  std::string wrong = csrf;
  wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(
      browse(port, "POST", "/api/documents", session, {{"X-CSRF-Token", wrong}}, kMultipart, body)
          .status,
      403);
  EXPECT_EQ(browse(port, "POST", "/api/documents", session,
                   {{"X-CSRF-Token", csrf}, {"Origin", "http://evil.example"}}, kMultipart, body)
                .status,
            403);
  // The plain form without its csrf field: a Vietnamese page.
  auto form = browse(port, "POST", "/tai-len", session, {}, kMultipart, body);
  EXPECT_EQ(form.status, 403);
  EXPECT_NE(form.body.find("chống giả mạo"), std::string::npos) << form.body;
  // A token from another session does not do either.
  const std::string other = csrf_of(port, session_of(log_in(port, writer_)));
  EXPECT_EQ(browse(port, "POST", "/tai-len", session, {}, kMultipart,
                   multipart("lich-truc.txt", kNoticeText, {{"csrf", other}}))
                .status,
            403);
  EXPECT_TRUE(hit_ids(port, "phòng chống lụt bão").empty());
  EXPECT_TRUE(send(port, "GET", "/api/changes").json()["changes"].empty());
}

TEST_F(IngestServer, WithTheCsrfTokenTheUploadIs201SearchableAndAuditedUnderTheTokenName) {
  auto port = start();
  const std::string session = session_of(log_in(port, writer_));
  const std::string csrf = csrf_of(port, session);
  auto r = browse(port, "POST", "/api/documents", session,
                  {{"X-CSRF-Token", csrf},
                   {"Origin", "http://127.0.0.1:" + std::to_string(port)},
                   {"Sec-Fetch-Site", "same-origin"}},
                  kMultipart, multipart("lich-truc.txt", kNoticeText));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.json()["id"];
  EXPECT_EQ(r.json()["document"]["title"], kNotice);
  EXPECT_TRUE(contains(hit_ids(port, "phòng chống lụt bão"), id));
  auto changes = send(port, "GET", "/api/changes").json()["changes"];
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["token"], "wiki-noi-bo");
  // The plain form (no JavaScript): one file, its review page with the correction form.
  auto form = browse(port, "POST", "/tai-len", session, {}, kMultipart,
                     multipart("hop-dan.txt",
                               "Giấy mời họp dân bàn việc làm đường bê tông liên thôn\n\nMời "
                               "các hộ dân thôn Pả Cầu dự họp bàn việc góp công làm đường.\n",
                               {{"csrf", csrf}}));
  ASSERT_EQ(form.status, 201) << form.body;
  EXPECT_NE(form.body.find("Giấy mời họp dân bàn việc làm đường"), std::string::npos);
  EXPECT_NE(form.body.find("action=\"/tai-len/sua\""), std::string::npos);
  EXPECT_FALSE(hit_ids(port, "đường bê tông liên thôn").empty());
}

TEST_F(IngestServer, ACorrectionChangesWhatSearchFindsAndSurvivesReindexing) {
  auto port = start();
  const std::string session = session_of(log_in(port, writer_));
  const std::string csrf = csrf_of(port, session);
  const Headers with_csrf{{"X-CSRF-Token", csrf}};
  auto up = browse(port, "POST", "/api/documents", session, with_csrf, kMultipart,
                   multipart("lich-truc.txt", kNoticeText));
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = up.json()["id"];
  EXPECT_TRUE(hit_ids(port, "nam:2019 lụt bão").empty());
  // Without the CSRF header the correction is refused and nothing changes.
  const std::string fix = R"({"title": "Lịch trực ban mùa mưa bão năm 2019", "date": "2019-06-15",
                             "type": "Kế hoạch", "provinces": ["lao cai"]})";
  EXPECT_EQ(
      browse(port, "PATCH", "/api/documents/" + encode(id), session, {}, "application/json", fix)
          .status,
      403);
  auto r = browse(port, "PATCH", "/api/documents/" + encode(id), session, with_csrf,
                  "application/json", fix);
  ASSERT_EQ(r.status, 200) << r.body;
  auto expect_corrected = [&](const nlohmann::json& doc) {
    EXPECT_EQ(doc["title"], "Lịch trực ban mùa mưa bão năm 2019");
    EXPECT_EQ(doc["date"], "2019-06-15");
    EXPECT_EQ(doc["type"], "ke-hoach");
    EXPECT_EQ(doc["primary_province"], "Lào Cai");
  };
  expect_corrected(r.json()["document"]);
  // Search sees it at once: by the new title's words, the year, the type and the province.
  EXPECT_TRUE(contains(hit_ids(port, "trực ban mùa mưa"), id));
  EXPECT_TRUE(contains(hit_ids(port, "nam:2019 lụt bão"), id));
  EXPECT_TRUE(contains(hit_ids(port, "loai:ke-hoach lụt bão"), id));
  EXPECT_TRUE(contains(hit_ids(port, "tinh:\"Lào Cai\" lụt bão"), id));
  EXPECT_EQ(send(port, "GET", "/api/changes").json()["changes"][1]["token"], "wiki-noi-bo");
  // The same file again through PUT: extracted afresh, corrected again.
  auto put = send(port, "PUT", "/api/documents/" + encode(id), writer_, kMultipart,
                  multipart("lich-truc.txt", kNoticeText));
  ASSERT_EQ(put.status, 200) << put.body;
  expect_corrected(put.json()["document"]);
  // A `tracuu index --rebuild` from the sources: the same file, read from disk, and a new record
  // that tells when the server has moved onto the rebuilt index.
  {
    std::ofstream(dir_ / "lich-truc.txt") << kNoticeText;
    std::ofstream(dir_ / "moi.jsonl") << record("Tin mới", "Tin mới sau khi dựng lại.", "moi-1");
    tracuu::indexer::IndexOptions o;
    o.shards = 2;
    o.rebuild = true;
    tracuu::indexer::IndexWriter w(db_.string(), o);
    w.index_paths({(dir_ / "seed.jsonl").string(), (dir_ / "lich-truc.txt").string(),
                   (dir_ / "moi.jsonl").string()});
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (send(port, "GET", "/api/documents/moi-1").status != 200 &&
         std::chrono::steady_clock::now() < deadline)  // another process's commit: within a second
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(send(port, "GET", "/api/documents/moi-1").status, 200);
  expect_corrected(send(port, "GET", "/api/documents/" + encode(id)).json());
  EXPECT_TRUE(contains(hit_ids(port, "trực ban mùa mưa"), id));
}

TEST_F(IngestServer, ACorrectionIsCheckedAndNeedsTheWriteRight) {
  auto port = start();
  auto patch = [&](const std::string& id, const std::string& token, const std::string& body) {
    return send(port, "PATCH", "/api/documents/" + id, token, "application/json", body);
  };
  EXPECT_EQ(patch("seed-1", writer_, R"({"date": "2019-02-30"})").status, 400);
  EXPECT_EQ(patch("seed-1", writer_, R"({"type": "bai-tho"})").status, 400);
  EXPECT_EQ(patch("seed-1", writer_, R"({"provinces": ["Gotham"]})").status, 400);
  EXPECT_EQ(patch("seed-1", writer_, R"({"text": "khác"})").status, 400);
  EXPECT_EQ(patch("seed-1", writer_, R"({})").status, 400);
  EXPECT_EQ(patch("khong-co", writer_, R"({"date": "2019-02-03"})").status, 404);
  EXPECT_EQ(patch("seed-1", reader_, R"({"date": "2019-02-03"})").status, 403);
  EXPECT_EQ(patch("seed-1", "", R"({"date": "2019-02-03"})").status, 401);
  EXPECT_FALSE(fs::exists(db_ / "tracuu-corrections.json")) << "nothing refused was stored";
  auto ok = patch("seed-1", writer_, R"({"date": "2019-02-03"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["document"]["date"], "2019-02-03");
  EXPECT_EQ(ok.json()["document"]["title"], "Thông báo lịch tiếp công dân tháng Ba");
}

TEST_F(IngestServer, LogoutEndsTheSession) {
  auto port = start();
  const std::string session = session_of(log_in(port, writer_));
  const std::string csrf = csrf_of(port, session);
  // Logging out is a state change too: not without the CSRF token.
  EXPECT_EQ(browse(port, "POST", "/dang-xuat", session, {}, kForm, "").status, 403);
  auto out = browse(port, "POST", "/dang-xuat", session, {}, kForm, "csrf=" + csrf);
  ASSERT_EQ(out.status, 303);
  EXPECT_NE(out.head.get("Set-Cookie", "").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(browse(port, "GET", "/tai-len", session).head.get("Location", ""), "/dang-nhap");
  auto upload = browse(port, "POST", "/api/documents", session, {{"X-CSRF-Token", csrf}},
                       kMultipart, multipart("lich-truc.txt", kNoticeText));
  EXPECT_EQ(upload.status, 401);
  EXPECT_TRUE(hit_ids(port, "phòng chống lụt bão").empty());
}

TEST_F(IngestServer, RemovingTheTokenEndsItsSessions) {
  auto port = start();
  const std::string session = session_of(log_in(port, writer_));
  const std::string csrf = csrf_of(port, session);
  tracuu::indexer::TokenStore(db_).remove("wiki-noi-bo");
  EXPECT_EQ(browse(port, "POST", "/api/documents", session, {{"X-CSRF-Token", csrf}}, kMultipart,
                   multipart("lich-truc.txt", kNoticeText))
                .status,
            401);
}

TEST_F(IngestServer, WithoutWritesTheUploadPageSaysUploadsAreOff) {
  auto o = options();
  o.writes = false;
  auto port = start(o);
  auto page = browse(port, "GET", "/tai-len", "");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Chức năng tải lên đang tắt"), std::string::npos) << page.body;
  EXPECT_EQ(log_in(port, writer_).status, 405);
}
