// The real HTTP server on an ephemeral loopback port over a real index of the sample corpus.
#include "tracuu/server/server.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "tracuu/indexer/index_writer.h"

namespace fs = std::filesystem;

namespace {

struct Response {
  int status = 0;
  std::string body;
  std::string content_type;
  Poco::Net::HTTPResponse raw;
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new fs::path(fs::temp_directory_path() / ("tracuu-srv-" + std::to_string(getpid())));
    fs::remove_all(*db_);
    {
      tracuu::indexer::IndexWriter w(db_->string(), {});
      w.index_paths({std::string(TRACUU_SOURCE_DIR) + "/data/sample"});
    }
    server_ =
        new tracuu::server::SearchServer(options(4, tracuu::server::ServerOptions{}.cache_bytes));
    server_->start();
  }
  // A server over the test index on an ephemeral loopback port.
  static tracuu::server::ServerOptions options(unsigned threads, std::size_t cache_bytes) {
    tracuu::server::ServerOptions o;
    o.db_path = db_->string();
    o.port = 0;
    o.threads = threads;
    o.access_log = false;
    o.cors_origin = "https://wiki.example.vn";
    o.cache_bytes = cache_bytes;
    return o;
  }
  static void TearDownTestSuite() {
    server_->stop();
    delete server_;
    fs::remove_all(*db_);
    delete db_;
  }

  static Response get(const std::string& uri, const std::string& method = "GET",
                      const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return get_at(server_->port(), uri, method, headers);
  }
  static Response get_at(std::uint16_t port, const std::string& uri,
                         const std::string& method = "GET",
                         const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) req.set(k, v);
    session.sendRequest(req);
    Response r;
    std::istream& in = session.receiveResponse(r.raw);
    Poco::StreamCopier::copyToString(in, r.body);
    r.status = r.raw.getStatus();
    r.content_type = r.raw.getContentType();
    return r;
  }

  static void expect_json_error(const Response& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.body;
    EXPECT_TRUE(j["error"]["code"].is_string());
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  }

  static fs::path* db_;
  static tracuu::server::SearchServer* server_;
};
fs::path* ServerTest::db_ = nullptr;
tracuu::server::SearchServer* ServerTest::server_ = nullptr;

}  // namespace

TEST_F(ServerTest, SearchReturnsHitsFacetsAndPaging) {
  auto r = get("/api/search?q=dan%20van&province=S%C6%A1n%20La&size=2");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_GT(j["total"].get<int>(), 0);
  EXPECT_LE(j["hits"].size(), 2u);
  EXPECT_EQ(j["size"], 2);
  bool son_la = false;
  for (const auto& entry : j["facets"]["province"]) son_la = son_la || entry[0] == "Sơn La";
  EXPECT_TRUE(son_la) << j["facets"]["province"];
  for (const auto& h : j["hits"])
    EXPECT_NE(h["snippet"].get<std::string>().find("<mark>"), std::string::npos);
}

TEST_F(ServerTest, RepeatedDirectiveParametersAreOredAndVariantsAccepted) {
  auto one = get("/api/search?directive=114%2FKL-TW").json()["total"].get<int>();
  auto two =
      get("/api/search?directive=114-KL%2FTW&directive=49-CT%2FTW").json()["total"].get<int>();
  EXPECT_GT(one, 0);
  EXPECT_GT(two, one);
}

// year=A&year=B is A or B, like every repeatable filter: never the years between.
TEST_F(ServerTest, RepeatedYearsAreOredNotARange) {
  auto years = get("/api/search?size=1").json()["facets"]["year"];
  ASSERT_GE(years.size(), 3u) << "the sample spans at least three years";
  // Facets list years newest first, as [year, count] arrays.
  for (std::size_t i = 1; i < years.size(); ++i)
    EXPECT_GT(years[i - 1][0].get<std::string>(), years[i][0].get<std::string>()) << years;
  std::string newest = years.front()[0], oldest = years.back()[0];
  std::size_t expected = years.front()[1].get<std::size_t>() + years.back()[1].get<std::size_t>();
  auto j = get("/api/search?size=100&year=" + oldest + "&year=" + newest).json();
  EXPECT_EQ(j["total"].get<std::size_t>(), expected);
  for (const auto& h : j["hits"]) {
    std::string year = h["date"].get<std::string>().substr(0, 4);
    EXPECT_TRUE(year == oldest || year == newest) << h["id"] << " dated " << year;
  }
  // The page keeps both years checked, newest first, and its links carry both.
  auto page = get("/search?year=" + oldest + "&year=" + newest).body;
  auto at_newest = page.find("name=\"year\" value=\"" + newest + "\" checked");
  auto at_oldest = page.find("name=\"year\" value=\"" + oldest + "\" checked");
  EXPECT_NE(at_newest, std::string::npos);
  EXPECT_NE(at_oldest, std::string::npos);
  EXPECT_LT(at_newest, at_oldest);
  expect_json_error(get("/api/search?year=2019&year=20x9"), 400);
  EXPECT_EQ(get("/api/search?year=20x9").json()["error"]["message"], "Năm không hợp lệ: 20x9");
}

TEST_F(ServerTest, DocumentsHaveParagraphAnchorsCitationsAndRelated) {
  auto id = get("/api/search?q=dan%20van&size=1").json()["hits"][0]["id"].get<std::string>();
  auto r = get("/api/documents/" + id);
  ASSERT_EQ(r.status, 200);
  auto j = r.json();
  EXPECT_EQ(j["paragraphs"][0]["anchor"], "p1");
  EXPECT_FALSE(j["related"].empty());
  EXPECT_FALSE(r.raw.get("ETag", "").empty());
  auto again = get("/api/documents/" + id, "GET", {{"If-None-Match", r.raw.get("ETag")}});
  EXPECT_EQ(again.status, 304);
  expect_json_error(get("/api/documents/khong-co"), 404);
}

TEST_F(ServerTest, DirectivesAcceptAnyVariantAndCountPerYearAndProvince) {
  auto r = get("/api/directives/114%2FKL-TW");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["number"], "114-KL/TW");
  EXPECT_GT(j["citing_count"].get<int>(), 5);
  EXPECT_FALSE(j["per_year"].empty());
  EXPECT_FALSE(j["per_province"].empty());
  // Which province reported when: each province's yearly counts add up to at most its count
  // (undated documents have no year).
  ASSERT_FALSE(j["per_province_year"].empty());
  for (const auto& [province, years] : j["per_province_year"].items()) {
    int sum = 0;
    for (const auto& [year, n] : years.items()) sum += n.get<int>();
    EXPECT_GT(sum, 0) << province;
    EXPECT_LE(sum, j["per_province"][province].get<int>()) << province;
  }
  // What the citing documents do with it: each counted once, plans implementing it among them.
  int by_relation = 0;
  for (const auto& [slug, n] : j["per_relation"].items()) by_relation += n.get<int>();
  EXPECT_EQ(by_relation, j["citing_count"].get<int>());
  EXPECT_GE(j["per_relation"].value("trien-khai", 0), 1) << j["per_relation"];
  auto citing = get("/api/documents/" + j["citing"][0]["id"].get<std::string>()).json();
  for (const auto& c : citing["citations"]) EXPECT_TRUE(c.contains("relation")) << c;
  auto page = get("/directive/114%2FKL-TW");
  EXPECT_NE(page.body.find("Triển khai thực hiện ("), std::string::npos) << "relations grouped";
  EXPECT_NE(page.body.find("Tỉnh nào, năm nào"), std::string::npos);
  EXPECT_NE(page.body.find("<a class=\"dot\""), std::string::npos) << "the province x year dots";
  EXPECT_TRUE(j["text"].is_string()) << "the sample archives the text itself";
  expect_json_error(get("/api/directives/999-XX%2FTW"), 404);
}

TEST_F(ServerTest, SuggestFacetsHealthAndMetricsAnswer) {
  auto s = get("/api/suggest?q=114").json();
  EXPECT_FALSE(s["completions"].empty());
  // The box's drop-down opens the best matches directly.
  ASSERT_FALSE(s["documents"].empty());
  EXPECT_EQ(s["documents"][0]["url"], "/d/" + s["documents"][0]["id"].get<std::string>());
  EXPECT_FALSE(s["documents"][0]["title"].get<std::string>().empty());
  EXPECT_EQ(get("/api/suggest?q=dan%20van%20kheo").json()["suggestion"], "dân vận khéo");
  auto f = get("/api/facets").json();
  EXPECT_FALSE(f["province"].empty());
  EXPECT_FALSE(f["most_cited"].empty());
  auto h = get("/healthz").json();
  EXPECT_EQ(h["status"], "ok");
  EXPECT_GE(h["documents"].get<int>(), 40);
  auto m = get("/metrics");
  EXPECT_NE(m.body.find("tracuu_http_requests_total{route=\"/healthz\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find("tracuu_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_NE(m.body.find("tracuu_index_documents"), std::string::npos);
}

TEST_F(ServerTest, ATypoIsSearchedAsCorrectedAndThePageSaysSo) {
  auto j = get("/api/search?q=dan%20vaanj%20kheo").json();
  EXPECT_TRUE(j["relaxed"].get<bool>());
  EXPECT_EQ(j["showing_for"], "dân vận khéo");
  EXPECT_GT(j["total"].get<int>(), 0);
  auto exact = get("/api/search?q=dan%20vaanj%20kheo&exact=1").json();
  EXPECT_EQ(exact["total"].get<int>(), 0) << "exact: the words as typed";
  EXPECT_FALSE(exact["relaxed"].get<bool>());
  EXPECT_TRUE(exact["showing_for"].is_null());
  auto page = get("/search?q=dan%20vaanj%20kheo").body;
  EXPECT_NE(page.find("Hiển thị kết quả cho <b>dân vận khéo</b>"), std::string::npos);
  EXPECT_NE(page.find("tìm chính xác <a href=\"/search?q=dan%20vaanj%20kheo&amp;exact=1\""),
            std::string::npos);
  EXPECT_EQ(page.find("Có phải bạn muốn tìm"), std::string::npos) << "said once, not twice";
}

TEST_F(ServerTest, BadParametersAreJson400s) {
  expect_json_error(get("/api/search?from=2020-13-01"), 400);
  expect_json_error(get("/api/search?to=hom-qua"), 400);
  EXPECT_EQ(get("/api/search?to=hom-qua").json()["error"]["message"],
            "Ngày kết thúc không hợp lệ (định dạng YYYY-MM-DD).");
  EXPECT_EQ(get("/api/suggest?q=" + std::string(1001, 'a')).json()["error"]["code"],
            "query_too_long");
  expect_json_error(get("/api/search?size=101"), 400);
  expect_json_error(get("/api/search?size=-1"), 400);
  expect_json_error(get("/api/search?sort=random"), 400);
  expect_json_error(get("/api/search?q=" + std::string(1001, 'a')), 400);
  expect_json_error(get("/api/search?q=%FF%FE"), 400);
  expect_json_error(get("/api/search?page=abc"), 400);
}

TEST_F(ServerTest, WrongMethodsAndHostileUrlsNeverGive500) {
  expect_json_error(get("/api/search", "POST"), 405);
  expect_json_error(get("/api/search", "DELETE"), 405);
  EXPECT_EQ(get("/static/../../etc/passwd").status, 404);
  EXPECT_EQ(get("/static/%2e%2e%2fsecret").status, 404);
  EXPECT_EQ(get("/d/%00").status, 404);
  EXPECT_EQ(get("/d/%3Cscript%3E").status, 404);
  EXPECT_EQ(get("/" + std::string(5000, 'x')).status, 414);
  auto r = get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert(1)"), std::string::npos) << "echoed text is escaped";
  EXPECT_NE(r.body.find("&lt;script&gt;"), std::string::npos);
}

TEST_F(ServerTest, PermalinksAreServerRenderedWithOpenGraph) {
  auto id =
      get("/api/search?directive=114-KL%2FTW&size=1").json()["hits"][0]["id"].get<std::string>();
  auto d = get("/d/" + id);
  ASSERT_EQ(d.status, 200);
  EXPECT_NE(d.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(d.body.find("og:title"), std::string::npos);
  EXPECT_NE(d.body.find("id=\"p1\""), std::string::npos);
  EXPECT_NE(d.body.find("/directive/114-KL%2FTW"), std::string::npos);
  auto dir = get("/directive/114-KL%2FTW");
  ASSERT_EQ(dir.status, 200);
  EXPECT_NE(dir.body.find("<svg"), std::string::npos) << "the timeline is drawn";
  EXPECT_NE(dir.body.find("Theo tỉnh/thành phố"), std::string::npos);
  auto home = get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Có thể gõ không dấu"), std::string::npos);
}

TEST_F(ServerTest, CorsHeadersForTheConfiguredOrigin) {
  auto r = get("/api/facets");
  EXPECT_EQ(r.raw.get("Access-Control-Allow-Origin", ""), "https://wiki.example.vn");
  EXPECT_EQ(get("/api/search", "OPTIONS").status, 204);
}

TEST_F(ServerTest, ConcurrentRequestsAllSucceed) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string uri = (i + t) % 3 == 0   ? "/api/search?q=dan%20van"
                          : (i + t) % 3 == 1 ? "/api/directives/49-CT%2FTW"
                                             : "/d/mau-13";
        if (get(uri).status == 200) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 200);
}

// Without the reply cache every request reaches Xapian; empty queries (facets, browsing by
// province) once shared Xapian's global MatchAll query across threads and crashed the server.
TEST_F(ServerTest, ConcurrentUncachedBrowseAndFacetRequestsAllSucceed) {
  tracuu::server::SearchServer uncached(options(8, 0));
  uncached.start();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  constexpr int kThreads = 8, kEach = 150;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Poco::Net::HTTPClientSession session("127.0.0.1", uncached.port());
      session.setTimeout(Poco::Timespan(10, 0));
      for (int i = 0; i < kEach; ++i) {
        std::string uri = (i + t) % 3 == 0   ? "/api/facets"
                          : (i + t) % 3 == 1 ? "/api/search?province=L%C3%A0o%20Cai"
                                             : "/api/search?q=&sort=date";
        Poco::Net::HTTPRequest req("GET", uri, Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(req);
        Poco::Net::HTTPResponse res;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(res), body);
        if (res.getStatus() == 200 && !body.empty()) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  uncached.stop();
  EXPECT_EQ(ok.load(), kThreads * kEach);
}

TEST_F(ServerTest, NewCommitsAppearWithoutRestart) {
  auto before = get("/healthz").json()["documents"].get<int>();
  {
    tracuu::indexer::IndexWriter w(db_->string(), {});
    tracuu::corpus::Document d;
    d.id = "moi-them";
    d.title = "Tin mới thêm vào chỉ mục";
    d.text = "Nội dung mới.";
    w.upsert(d);
    w.commit();
  }
  int after = before;
  for (int i = 0; i < 50 && after == before; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    after = get("/healthz").json()["documents"].get<int>();
  }
  EXPECT_EQ(after, before + 1);
}

// A Prometheus sample's value from /metrics text, -1 when absent.
double metric(const std::string& text, const std::string& sample) {
  auto at = text.find("\n" + sample + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + sample.size() + 2));
}

TEST_F(ServerTest, CachedRepliesAreFreshAfterANewIndexRevision) {
  const std::string uri = "/api/search?q=zuzuka";
  auto before = get(uri);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json()["total"], 0);
  EXPECT_EQ(get(uri).body, before.body);  // now from the cache
  {
    tracuu::indexer::IndexWriter w(db_->string(), {});
    tracuu::corpus::Document d;
    d.id = "zuzuka-moi";
    d.title = "Tin zuzuka mới";
    d.text = "Từ zuzuka chỉ có trong văn bản này.";
    w.upsert(d);
    w.commit();
  }
  // Workers reopen at most a second after a commit; the cached empty result must not outlive it.
  nlohmann::json j;
  for (int i = 0; i < 50; ++i) {
    j = get(uri).json();
    if (j["total"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(j["total"], 1) << j.dump();
  EXPECT_EQ(j["hits"][0]["id"], "zuzuka-moi");
  // Every worker agrees from then on, whichever thread answers.
  for (int i = 0; i < 20; ++i) EXPECT_EQ(get(uri).json()["total"], 1);
  EXPECT_GE(metric(get("/metrics").body, "tracuu_response_cache_invalidations_total"), 1);
}

TEST_F(ServerTest, CachedRepliesMatchUncachedOnesAndStayWithinTheirBudget) {
  auto o = options(2, 0);
  tracuu::server::SearchServer uncached(o);
  uncached.start();
  o.cache_bytes = 48 * 1024;
  tracuu::server::SearchServer small(o);
  small.start();
  auto id = get("/api/search?q=dan%20van&size=1").json()["hits"][0]["id"].get<std::string>();
  std::vector<std::string> uris{"/api/search?q=dan%20van",
                                "/api/search?q=d%C3%A2n+v%E1%BA%ADn",
                                "/api/facets",
                                "/api/documents/" + id,
                                "/d/" + id,
                                "/api/directives/114%2FKL-TW",
                                "/search?q=dan%20van",
                                "/api/suggest?q=114"};
  for (int page = 1; page <= 30; ++page)
    uris.push_back("/api/search?q=c%C3%B4ng&size=3&page=" + std::to_string(page));
  for (int round = 0; round < 2; ++round) {  // the second round is served from the caches
    for (const auto& uri : uris) {
      auto want = get_at(uncached.port(), uri);
      for (auto port : {server_->port(), small.port()}) {
        auto got = get_at(port, uri);
        EXPECT_EQ(got.status, want.status) << uri;
        EXPECT_EQ(got.body, want.body) << uri;
        EXPECT_EQ(got.raw.get("ETag", ""), want.raw.get("ETag", "")) << uri;
        EXPECT_EQ(got.raw.get("Cache-Control", ""), want.raw.get("Cache-Control", "")) << uri;
        EXPECT_EQ(got.content_type, want.content_type) << uri;
      }
    }
  }
  auto doc = get("/d/" + id);
  auto revalidated = get("/d/" + id, "GET", {{"If-None-Match", doc.raw.get("ETag")}});
  EXPECT_EQ(revalidated.status, 304);
  EXPECT_TRUE(revalidated.body.empty());
  auto head = get("/api/documents/" + id, "HEAD");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  auto m = get_at(small.port(), "/metrics").body;
  EXPECT_LE(metric(m, "tracuu_response_cache_bytes"), 48 * 1024);
  EXPECT_GT(metric(m, "tracuu_response_cache_evictions_total"), 0);
  EXPECT_GT(metric(m, "tracuu_response_cache_entries"), 0);
  EXPECT_EQ(get_at(uncached.port(), "/metrics").body.find("tracuu_response_cache"),
            std::string::npos);
  small.stop();
  uncached.stop();
}

TEST_F(ServerTest, OpenKeepAliveConnectionsDoNotLockOutOtherClients) {
  // More idle keep-alive connections than the server runs searches at once (4 here).
  std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle;
  for (int i = 0; i < 12; ++i) {
    auto s = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", server_->port());
    s->setKeepAlive(true);
    Poco::Net::HTTPRequest req("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    s->sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(s->receiveResponse(resp), body);
    ASSERT_EQ(resp.getStatus(), 200);
    idle.push_back(std::move(s));
  }
  auto started = std::chrono::steady_clock::now();
  Poco::Net::HTTPClientSession fresh("127.0.0.1", server_->port());
  fresh.setTimeout(Poco::Timespan(3, 0));
  Poco::Net::HTTPRequest req("GET", "/api/search?q=dan%20van", Poco::Net::HTTPMessage::HTTP_1_1);
  fresh.sendRequest(req);
  Poco::Net::HTTPResponse resp;
  std::string body;
  Poco::StreamCopier::copyToString(fresh.receiveResponse(resp), body);
  EXPECT_EQ(resp.getStatus(), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST_F(ServerTest, IdenticalConcurrentRequestsAllGetTheSameReply) {
  // New to the cache, asked by many clients at once: one computes, the others share its reply
  // (and a failing request fails for each of them alike).
  for (const std::string uri :
       {"/api/search?q=ph%C3%A1t%20tri%E1%BB%83n&size=7", "/api/search?q=dan&from=2020-13-01"}) {
    std::vector<std::thread> threads;
    std::vector<Response> got(8);
    for (std::size_t t = 0; t < got.size(); ++t)
      threads.emplace_back([&, t] { got[t] = get(uri); });
    for (auto& th : threads) th.join();
    for (const auto& r : got) {
      EXPECT_EQ(r.status, got[0].status) << uri;
      EXPECT_EQ(r.body, got[0].body) << uri;
    }
    EXPECT_EQ(got[0].status, uri.find("2020-13") == std::string::npos ? 200 : 400) << got[0].body;
  }
}
