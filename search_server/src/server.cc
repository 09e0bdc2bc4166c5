// The Poco HTTP server: routing, parameter validation, JSON errors, limits, logs and metrics.
// Handlers only parse, call the indexer's Searcher and render; no search logic lives here.
#include "tracuu/server/server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "metrics.h"
#include "pages.h"
#include "response_cache.h"
#include "searcher_pool.h"
#include "tracuu/indexer/searcher.h"
#include "tracuu/tokenizer/normalizer.h"
#include "workers.h"

namespace tracuu::server {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr std::size_t kMaxUri = 4096;
constexpr std::size_t kMaxQuery = 1000;
constexpr std::size_t kMaxPageSize = 100;

// An error the client caused; becomes {"error":{"code","message"}} with `status`.
struct HttpError {
  int status;
  std::string code;
  std::string message;  // Vietnamese, shown to users
};

Reply json_reply(const nlohmann::json& j) {
  return {200, "application/json; charset=utf-8",
          j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "", "no-cache"};
}

Reply html_reply(std::string html) {
  return {200, "text/html; charset=utf-8", std::move(html), "", "no-cache"};
}

// Searches at once (index handles): the CPU's worth, with some slack for requests waiting on I/O.
unsigned search_threads(const ServerOptions& o) {
  return o.threads ? o.threads : std::max(2u, 2 * std::thread::hardware_concurrency());
}

// Connections served at once. Poco keeps a thread on each keep-alive connection while it stays
// open (up to the keep-alive timeout when idle), so with one thread per search a handful of
// open browser tabs or benchmark connections locked every other client out. Connection threads
// only parse, answer cache hits and send; the searches run on the Workers.
constexpr unsigned kMinConnectionThreads = 64;

// The handle the worker's current request holds, taken on its first use in the request and
// given back as soon as the reply is made.
thread_local std::optional<SearcherPool::Lease> t_lease;

using Params = std::vector<std::pair<std::string, std::string>>;

std::vector<std::string> all_of(const Params& params, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : params)
    if (k == key && !v.empty()) out.push_back(v);
  return out;
}

std::optional<std::string> one_of(const Params& params, const std::string& key) {
  for (const auto& [k, v] : params)
    if (k == key && !v.empty()) return v;
  return std::nullopt;
}

std::size_t positive_int(const std::optional<std::string>& v, std::size_t fallback, const char* name,
                         std::size_t max) {
  if (!v) return fallback;
  if (v->empty() || v->size() > 9 || v->find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, "bad_parameter", std::string("Tham số ") + name + " phải là số nguyên dương."};
  std::size_t n = std::stoul(*v);
  if (n == 0) throw HttpError{400, "bad_parameter", std::string("Tham số ") + name + " phải lớn hơn 0."};
  if (n > max)
    throw HttpError{400, "bad_parameter",
                    std::string("Tham số ") + name + " tối đa là " + std::to_string(max) + "."};
  return n;
}

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

// Parses the search parameters shared by /api/search and /search.
struct ParsedSearch {
  indexer::SearchRequest request;
  std::size_t page = 1, size = 10;
};

ParsedSearch parse_search(const Params& params) {
  ParsedSearch p;
  auto& r = p.request;
  r.query = one_of(params, "q").value_or("");
  if (r.query.size() > kMaxQuery)
    throw HttpError{400, "query_too_long", "Từ khóa quá dài (tối đa 1.000 ký tự)."};
  for (const auto& [k, v] : params)
    if (!tokenizer::is_valid_utf8(v))
      throw HttpError{400, "invalid_utf8", "Tham số " + k + " không phải UTF-8 hợp lệ."};
  r.provinces = all_of(params, "province");
  r.directives = all_of(params, "directive");
  r.types = all_of(params, "type");
  r.from = one_of(params, "from");
  r.to = one_of(params, "to");
  auto years = all_of(params, "year");
  if (!years.empty()) {
    std::string y = years.front();
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
      throw HttpError{400, "bad_year", "Năm không hợp lệ: " + y};
    std::string lo = *std::min_element(years.begin(), years.end());
    std::string hi = *std::max_element(years.begin(), years.end());
    if (!r.from) r.from = lo + "-01-01";
    if (!r.to) r.to = hi + "-12-31";
  }
  if (r.from && !valid_date(*r.from))
    throw HttpError{400, "bad_date", "Ngày bắt đầu không hợp lệ (định dạng YYYY-MM-DD)."};
  if (r.to && !valid_date(*r.to))
    throw HttpError{400, "bad_date", "Ngày kết thúc không hợp lệ (định dạng YYYY-MM-DD)."};
  auto sort = one_of(params, "sort").value_or("relevance");
  if (sort != "relevance" && sort != "date")
    throw HttpError{400, "bad_sort", "Kiểu sắp xếp không hợp lệ (relevance hoặc date)."};
  r.sort = sort == "date" ? indexer::SortOrder::kDate : indexer::SortOrder::kRelevance;
  p.size = positive_int(one_of(params, "size"), 10, "size", kMaxPageSize);
  p.page = positive_int(one_of(params, "page"), 1, "page", 100000);
  r.limit = p.size;
  r.offset = (p.page - 1) * p.size;
  return p;
}

indexer::SearchResult run_search(indexer::Searcher& s, const indexer::SearchRequest& r) {
  try {
    return s.search(r);
  } catch (const indexer::QueryError& e) {
    throw HttpError{400, e.code, "Truy vấn không hợp lệ: " + std::string(e.what())};
  }
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string etag_of(const std::string& body) {
  std::ostringstream o;
  o << "\"" << std::hex << std::hash<std::string>{}(body) << "\"";
  return o.str();
}

// Document and directive pages change only with the index: let clients and proxies revalidate.
Reply cacheable(Reply r) {
  r.etag = etag_of(r.body);
  r.cache_control = "public, max-age=60";
  return r;
}

indexer::DirectiveRecord find_directive(indexer::Searcher& s, const std::string& number) {
  auto rec = s.directive(number);
  if (!rec)
    throw HttpError{404, "not_found", "Không có văn bản nào mang hoặc dẫn chiếu số " + number + "."};
  return *rec;
}

std::string cache_metrics(const ResponseCache::Stats& c) {
  std::ostringstream o;
  auto gauge = [&](const char* name, const char* help, std::size_t v) {
    o << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n"
      << name << " " << v << "\n";
  };
  gauge("tracuu_response_cache_bytes", "Bytes held by the reply cache.", c.bytes);
  gauge("tracuu_response_cache_max_bytes", "The reply cache's byte budget.", c.max_bytes);
  gauge("tracuu_response_cache_entries", "Replies in the cache.", c.entries);
  o << "# HELP tracuu_response_cache_lookups_total Cache lookups by result.\n"
    << "# TYPE tracuu_response_cache_lookups_total counter\n"
    << "tracuu_response_cache_lookups_total{result=\"hit\"} " << c.hits << "\n"
    << "tracuu_response_cache_lookups_total{result=\"miss\"} " << c.misses << "\n"
    << "# HELP tracuu_response_cache_evictions_total Replies dropped for the byte budget.\n"
    << "# TYPE tracuu_response_cache_evictions_total counter\n"
    << "tracuu_response_cache_evictions_total " << c.evictions << "\n"
    << "# HELP tracuu_response_cache_invalidations_total Cache resets on a new index revision.\n"
    << "# TYPE tracuu_response_cache_invalidations_total counter\n"
    << "tracuu_response_cache_invalidations_total " << c.invalidations << "\n";
  return o.str();
}

// Replies that depend only on the request and the index (not on headers, files or the clock).
bool cacheable_path(const std::string& path) {
  auto starts = [&](std::string_view prefix) { return path.rfind(prefix, 0) == 0; };
  return path == "/api/search" || path == "/api/suggest" || path == "/api/facets" || path == "/" ||
         path == "/search" || starts("/api/documents/") || starts("/api/directives/") ||
         starts("/d/") || starts("/directive/");
}

using HandleFn = std::function<void(HTTPServerRequest&, HTTPServerResponse&)>;

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(const HandleFn& fn) : fn_(fn) {}
  void handleRequest(HTTPServerRequest& req, HTTPServerResponse& resp) override { fn_(req, resp); }

 private:
  const HandleFn& fn_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(HandleFn fn) : fn_(std::move(fn)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new Handler(fn_);  // Poco takes ownership
  }

 private:
  HandleFn fn_;
};

}  // namespace

struct SearchServer::Impl {
  ServerOptions options;
  std::filesystem::path web_dir;
  Metrics metrics;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> http;
  std::uint16_t port = 0;
  std::mutex log_mutex;
  std::unique_ptr<ResponseCache> cache;  // null when disabled
  std::unique_ptr<SearcherPool> searchers;  // as many as workers: acquire() never waits
  std::unique_ptr<Workers> workers;
  Flights flights;

  indexer::Searcher& searcher() {
    if (!t_lease) t_lease.emplace(searchers->acquire());
    return **t_lease;
  }

  Reply route(const std::string& method, const std::string& path, const Params& params,
              std::string& route_name);
  Reply api_search(const Params& params);
  Reply api_document(const std::string& id);
  Reply api_directive(const std::string& number);
  Reply page_search(const Params& params);
  Reply page_document(const std::string& id, const std::string& host);
  Reply page_directive(const std::string& number);
  Reply static_file(const std::string& name);
  void handle(HTTPServerRequest& req, HTTPServerResponse& resp);
};

Reply SearchServer::Impl::api_search(const Params& params) {
  ParsedSearch p = parse_search(params);
  auto& s = searcher();
  auto result = run_search(s, p.request);
  auto j = indexer::to_json(result);
  j["page"] = p.page;
  j["size"] = p.size;
  j["pages"] = (result.total + p.size - 1) / p.size;
  return json_reply(j);
}

Reply SearchServer::Impl::api_document(const std::string& id) {
  auto& s = searcher();
  auto doc = s.document(id);
  if (!doc) throw HttpError{404, "not_found", "Không tìm thấy văn bản " + id + "."};
  nlohmann::json j = corpus::to_json(*doc);
  j.erase("origin");
  nlohmann::json paragraphs = nlohmann::json::array();
  std::size_t n = 0;
  for (const auto& p : j["paragraphs"]) {
    auto q = p;
    q["anchor"] = std::string("p").append(std::to_string(++n));
    paragraphs.push_back(q);
  }
  j["paragraphs"] = paragraphs;
  for (auto& c : j["citations"]) c["url"] = "/api/directives/" + url_encode(c["number"].get<std::string>());
  nlohmann::json related = nlohmann::json::array();
  for (const auto& h : s.related(*doc, 8)) related.push_back(indexer::to_json(h));
  j["related"] = related;
  j["permalink"] = "/d/" + url_encode(id);
  return cacheable(json_reply(j));
}

Reply SearchServer::Impl::api_directive(const std::string& number) {
  auto& s = searcher();
  auto rec = find_directive(s, number);
  auto j = indexer::to_json(rec);
  if (rec.document_id) {
    if (auto doc = s.document(*rec.document_id)) j["text"] = doc->text;
  }
  j["permalink"] = "/directive/" + url_encode(rec.number);
  return json_reply(j);
}

Reply SearchServer::Impl::page_search(const Params& params) {
  SearchPage page;
  try {
    ParsedSearch p = parse_search(params);
    page.request = p.request;
    page.page = p.page;
    page.size = p.size;
    page.result = run_search(searcher(), p.request);
  } catch (const HttpError& e) {
    page.error = e.message;
    Reply r = html_reply(render_search(page));
    r.status = e.status;
    return r;
  }
  return html_reply(render_search(page));
}

Reply SearchServer::Impl::page_document(const std::string& id, const std::string& host) {
  auto& s = searcher();
  auto doc = s.document(id);
  if (!doc) throw HttpError{404, "not_found", "Không tìm thấy văn bản này."};
  std::string base = host.empty() ? "" : "http://" + host;
  return cacheable(html_reply(render_document(*doc, s.related(*doc, 8), base)));
}

Reply SearchServer::Impl::page_directive(const std::string& number) {
  auto& s = searcher();
  auto rec = find_directive(s, number);
  std::optional<corpus::Document> text;
  if (rec.document_id) text = s.document(*rec.document_id);
  return cacheable(html_reply(render_directive(rec, text)));
}

Reply SearchServer::Impl::static_file(const std::string& name) {
  // Only plain file names: no traversal, no hidden files.
  if (name.empty() || name[0] == '.' ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
          std::string::npos)
    throw HttpError{404, "not_found", "Không tìm thấy tệp."};
  auto path = web_dir / "static" / name;
  if (!std::filesystem::is_regular_file(path)) throw HttpError{404, "not_found", "Không tìm thấy tệp."};
  Reply r;
  r.body = read_file(path);
  auto ext = path.extension().string();
  r.content_type = ext == ".css"   ? "text/css; charset=utf-8"
                   : ext == ".js"  ? "text/javascript; charset=utf-8"
                   : ext == ".svg" ? "image/svg+xml"
                   : ext == ".png" ? "image/png"
                                   : "application/octet-stream";
  r.etag = etag_of(r.body);
  r.cache_control = "public, max-age=300";
  return r;
}

Reply SearchServer::Impl::route(const std::string& method, const std::string& path,
                                const Params& params, std::string& route_name) {
  auto starts = [&](std::string_view prefix) { return path.rfind(prefix, 0) == 0; };
  auto rest = [&](std::string_view prefix) { return path.substr(prefix.size()); };
  if (method != "GET" && method != "HEAD") {
    route_name = "other";
    throw HttpError{405, "method_not_allowed", "Phương thức không được hỗ trợ (chỉ GET)."};
  }
  if (path == "/healthz") {
    route_name = "/healthz";
    auto& s = searcher();
    return json_reply({{"status", "ok"}, {"documents", s.document_count()}, {"revision", s.revision()}});
  }
  if (path == "/metrics") {
    route_name = "/metrics";
    auto& s = searcher();
    Reply r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.render(s.document_count(), s.revision());
    if (cache) r.body += cache_metrics(cache->stats());
    return r;
  }
  if (path == "/api/search") {
    route_name = "/api/search";
    return api_search(params);
  }
  if (starts("/api/documents/") && path.size() > 15) {
    route_name = "/api/documents";
    return api_document(rest("/api/documents/"));
  }
  if (starts("/api/directives/") && path.size() > 16) {
    route_name = "/api/directives";
    return api_directive(rest("/api/directives/"));
  }
  if (path == "/api/suggest") {
    route_name = "/api/suggest";
    std::string q = one_of(params, "q").value_or("");
    if (q.size() > kMaxQuery) throw HttpError{400, "query_too_long", "Từ khóa quá dài."};
    if (!tokenizer::is_valid_utf8(q)) throw HttpError{400, "invalid_utf8", "Từ khóa không phải UTF-8 hợp lệ."};
    auto& s = searcher();
    nlohmann::json j{{"q", q}, {"completions", q.empty() ? std::vector<std::string>{} : s.suggest(q, 8)}};
    indexer::SearchRequest r;
    r.query = q;
    r.limit = 0;
    r.facets = false;
    auto res = q.empty() ? indexer::SearchResult{} : run_search(s, r);
    j["suggestion"] = res.suggestion ? nlohmann::json(*res.suggestion) : nlohmann::json(nullptr);
    return json_reply(j);
  }
  if (path == "/api/facets") {
    route_name = "/api/facets";
    auto facets = searcher().all_facets(1000);
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, counts] : facets) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& [k, v] : counts) arr.push_back({{"value", k}, {"count", v}});
      j[name == "directive" ? "most_cited" : name] = arr;
    }
    return json_reply(j);
  }
  if (path == "/" || path == "/search") {
    route_name = "/search";
    return page_search(params);
  }
  if (starts("/d/") && path.size() > 3) {
    route_name = "/d";
    return page_document(rest("/d/"), "");
  }
  if (starts("/directive/") && path.size() > 11) {
    route_name = "/directive";
    return page_directive(rest("/directive/"));
  }
  if (starts("/static/")) {
    route_name = "/static";
    return static_file(rest("/static/"));
  }
  route_name = "not_found";
  throw HttpError{404, "not_found", "Không tìm thấy trang."};
}

void SearchServer::Impl::handle(HTTPServerRequest& req, HTTPServerResponse& resp) {
  auto started = std::chrono::steady_clock::now();
  std::string route_name = "unknown";
  std::string method = req.getMethod();
  const std::string& uri = req.getURI();
  bool api = uri.rfind("/api/", 0) == 0 || uri == "/healthz" || uri == "/metrics";
  Reply reply;
  // A cache hit is sent straight from the shared entry; `out` is what goes on the wire.
  std::shared_ptr<const CachedReply> cached;
  const Reply* out = &reply;
  try {
    if (uri.size() > kMaxUri) throw HttpError{414, "uri_too_long", "Địa chỉ quá dài."};
    if (method == "OPTIONS" && !options.cors_origin.empty()) {
      reply.status = 204;
      reply.body.clear();
      route_name = "options";
    } else {
      Poco::URI parsed;
      try {
        parsed = Poco::URI(uri);
      } catch (const Poco::Exception&) {
        throw HttpError{400, "bad_uri", "Địa chỉ không hợp lệ."};
      }
      Params params;
      try {
        params = parsed.getQueryParameters();
      } catch (const Poco::Exception&) {
        throw HttpError{400, "bad_uri", "Tham số không hợp lệ."};
      }
      std::string path = parsed.getPath();
      if (!tokenizer::is_valid_utf8(path)) throw HttpError{400, "invalid_utf8", "Địa chỉ không phải UTF-8 hợp lệ."};
      std::string key;
      std::uint64_t revision = 0;
      bool use_cache = cache && (method == "GET" || method == "HEAD") && cacheable_path(path);
      if (use_cache) {
        key = ResponseCache::key(path, params);
        // No handle is needed for a hit: hits stay fast while every handle is busy searching.
        revision = searchers->revision();
        auto found = cache->find(key, revision);
        if (found.stale) {  // another thread has just moved the cache on to a newer revision
          revision = searchers->revision();
          found = cache->find(key, revision);
        }
        cached = std::move(found.value);
      }
      std::unique_ptr<Flights::Ticket> flight;
      if (use_cache && !cached) {
        flight = flights.join(std::to_string(revision) + ' ' + key);
        if (!flight->leads()) cached = flight->wait();
      }
      if (cached) {
        route_name = cached->route;
        out = &cached->reply;
      } else {
        std::optional<std::uint64_t> made_at;  // the revision of the handle that made it
        reply = workers->run([&] {
          struct Release {
            ~Release() { t_lease.reset(); }
          } release;
          Reply r = route(method, path, params, route_name);
          if (t_lease) made_at = (*t_lease)->revision();
          return r;
        });
        // Only successes: errors are cheap to recompute, and caching them would let junk URIs
        // crowd out real pages. A reply made by a handle at another revision than the one `key`
        // was looked up with (a commit in between) is not cached.
        if (use_cache && reply.status == 200 && made_at == revision) {
          cached = std::make_shared<const CachedReply>(CachedReply{std::move(reply), route_name});
          cache->insert(key, revision, cached);
          out = &cached->reply;
        }
        if (flight) flight->land(cached);
      }
      if (!out->etag.empty() && req.get("If-None-Match", "") == out->etag) {
        reply = Reply{304, out->content_type, "", out->etag, out->cache_control};
        out = &reply;
      }
    }
  } catch (const HttpError& e) {
    out = &reply;
    reply.status = e.status;
    if (api || e.status == 405 || e.status == 414) {
      reply.content_type = "application/json; charset=utf-8";
      reply.body = nlohmann::json{{"error", {{"code", e.code}, {"message", e.message}}}}.dump(
          -1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      reply.content_type = "text/html; charset=utf-8";
      reply.body = render_error_page(e.status, e.message);
    }
    if (e.status == 405) resp.set("Allow", "GET, HEAD");
  } catch (const std::exception& e) {
    // The index is missing or broken: the server's fault, not the client's.
    out = &reply;
    reply.status = 503;
    reply.content_type = "application/json; charset=utf-8";
    reply.body = nlohmann::json{{"error", {{"code", "unavailable"}, {"message", "Chỉ mục tạm thời không sẵn sàng."}}}}.dump();
    std::lock_guard lock(log_mutex);
    std::cerr << "tracuu serve: " << e.what() << "\n";
  } catch (...) {
    // Xapian's errors are not std::exceptions (a handle reopened onto a broken index): still a
    // JSON 503 rather than a connection Poco drops.
    out = &reply;
    reply.status = 503;
    reply.content_type = "application/json; charset=utf-8";
    reply.body =
        nlohmann::json{
            {"error", {{"code", "unavailable"}, {"message", "Chỉ mục tạm thời không sẵn sàng."}}}}
            .dump();
    std::lock_guard lock(log_mutex);
    std::cerr << "tracuu serve: unexpected error from the index\n";
  }
  resp.setStatus(static_cast<HTTPResponse::HTTPStatus>(out->status));
  resp.setContentType(out->content_type);
  resp.set("Cache-Control", out->cache_control);
  resp.set("X-Content-Type-Options", "nosniff");
  if (!out->etag.empty()) resp.set("ETag", out->etag);
  if (!options.cors_origin.empty() && api) {
    resp.set("Access-Control-Allow-Origin", options.cors_origin);
    resp.set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    resp.set("Vary", "Origin");
  }
  resp.setContentLength(static_cast<std::streamsize>(out->body.size()));
  if (method == "HEAD" || out->status == 204 || out->status == 304) {
    resp.send();
  } else {
    resp.sendBuffer(out->body.data(), out->body.size());
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics.record(route_name, out->status, seconds);
  if (options.access_log) {
    nlohmann::json line{
        {"method", method},          {"uri", uri.substr(0, 512)},
        {"status", out->status},     {"ms", seconds * 1000},
        {"bytes", out->body.size()}, {"client", req.clientAddress().host().toString()}};
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::lock_guard lock(log_mutex);
    std::cerr << text << "\n";
  }
}

SearchServer::SearchServer(const ServerOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (options.cache_bytes > 0) impl_->cache = std::make_unique<ResponseCache>(options.cache_bytes);
  impl_->web_dir = options.web_dir.empty() ? std::filesystem::path(TRACUU_DEFAULT_WEB_DIR)
                                           : std::filesystem::path(options.web_dir);
  // Fails early with a clear message when the index is missing.
  impl_->searchers = std::make_unique<SearcherPool>(options.db_path, search_threads(options));
  impl_->workers = std::make_unique<Workers>(search_threads(options));
}

SearchServer::~SearchServer() { stop(); }

void SearchServer::start() {
  auto& o = impl_->options;
  unsigned threads = std::max(kMinConnectionThreads, search_threads(o));
  Poco::Net::ServerSocket socket;
  try {
    socket.bind(Poco::Net::SocketAddress(o.host, o.port), true);
    socket.listen(128);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " + e.displayText());
  }
  impl_->port = socket.address().port();
  auto params = new Poco::Net::HTTPServerParams;  // reference-counted by Poco
  params->setMaxThreads(static_cast<int>(threads));
  params->setMaxQueued(256);
  params->setKeepAlive(true);
  params->setTimeout(Poco::Timespan(10, 0));
  impl_->pool = std::make_unique<Poco::ThreadPool>(2, static_cast<int>(threads));
  impl_->http = std::make_unique<Poco::Net::HTTPServer>(new Factory([impl = impl_.get()](HTTPServerRequest& req, HTTPServerResponse& resp) { impl->handle(req, resp); }), *impl_->pool, socket, params);
  impl_->http->start();
}

void SearchServer::stop() {
  if (impl_ && impl_->http) {
    impl_->http->stopAll(true);
    impl_->http.reset();
    impl_->pool->joinAll();
  }
}

std::uint16_t SearchServer::port() const { return impl_->port; }

}  // namespace tracuu::server
