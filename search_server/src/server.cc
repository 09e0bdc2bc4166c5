// The Poco HTTP server: one request's path from the wire to the route table, the reply cache and
// back, with its log line and metrics. Endpoints (endpoints.cc) hold no HTTP plumbing.
#include "tracuu/server/server.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <thread>

#include "access.h"
#include "admission.h"
#include "connection.h"
#include "connection_watch.h"
#include "endpoints.h"
#include "http_error.h"
#include "ingest.h"
#include "log.h"
#include "metrics.h"
#include "rate_limit.h"
#include "response_cache.h"
#include "routes.h"
#include "searcher_pool.h"
#include "tracuu/tokenizer/normalizer.h"
#include "upload.h"
#include "upload_site.h"
#include "workers.h"

namespace tracuu::server {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr std::size_t kMaxUri = 4096;

// Searches at once (index handles): the CPU's worth, with some slack for requests waiting on I/O.
unsigned search_threads(const ServerOptions& o) {
  return o.threads ? o.threads : std::max(2u, 2 * std::thread::hardware_concurrency());
}

// How long an idle keep-alive connection keeps its thread waiting for the next request.
constexpr long kKeepAliveSeconds = 5;

// One request as the log, the metrics and the reply rules see it.
struct Exchange {
  std::string method;
  std::string uri;
  const Route* route;
  std::string_view route_name = "unknown";
};

// The request target, decoded; throws HttpError (400) when it cannot be.
struct Target {
  std::string path;
  Params params;
};

Target parse_target(const std::string& uri) {
  Poco::URI parsed;
  try {
    parsed = Poco::URI(uri);
  } catch (const Poco::Exception&) {
    throw HttpError{400, "bad_uri", "Địa chỉ không hợp lệ."};
  }
  Target t;
  try {
    t.params = parsed.getQueryParameters();
  } catch (const Poco::Exception&) {
    throw HttpError{400, "bad_uri", "Tham số không hợp lệ."};
  }
  t.path = parsed.getPath();
  if (!tokenizer::is_valid_utf8(t.path))
    throw HttpError{400, "invalid_utf8", "Địa chỉ không phải UTF-8 hợp lệ."};
  return t;
}

// A reply with a Last-Modified no later than the client's If-Modified-Since (RFC 9110 13.1.3;
// If-None-Match, when sent, decides alone). Feed readers poll this way.
bool not_modified_since(const HTTPServerRequest& req, const Reply& r) {
  if (req.has("If-None-Match") || !req.has("If-Modified-Since")) return false;
  for (const auto& [name, value] : r.headers) {
    if (name != "Last-Modified") continue;
    try {
      int tz = 0;
      auto since = Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT,
                                               req.get("If-Modified-Since"), tz);
      auto modified = Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT, value, tz);
      return modified <= since;
    } catch (const Poco::Exception&) {  // an unreadable date: answer in full
      return false;
    }
  }
  return false;
}

// A request's reply: an entry shared with the cache, or one of its own.
struct Answer {
  std::shared_ptr<const CachedReply> shared;
  Reply own;
  const Reply& reply() const { return shared ? shared->reply : own; }
};

}  // namespace

struct SearchServer::Impl {
  ServerOptions options;
  Metrics metrics;
  Log log;
  std::unique_ptr<ResponseCache> cache;     // null when disabled
  std::unique_ptr<SearcherPool> searchers;  // as many as workers: acquire() never waits
  std::unique_ptr<Workers> workers;
  std::unique_ptr<Endpoints> endpoints;
  std::unique_ptr<Access> access;         // with --writes or --read-token
  std::unique_ptr<RateLimit> rate_limit;  // with --writes
  std::unique_ptr<Ingest> ingest;         // with --writes
  std::unique_ptr<UploadSite> site;  // the upload page and its login (says "off" without --writes)
  Flights flights;
  // Connections: each runs on a thread of `pool` (Connection), admitted by `admission`,
  // watched by `watch`; `context` is what they share.
  Poco::AutoPtr<Admission> admission;
  std::unique_ptr<ConnectionWatch> watch;
  std::unique_ptr<ConnectionContext> context;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::TCPServer> tcp;
  std::uint16_t port = 0;

  void handle(HTTPServerRequest& req, HTTPServerResponse& resp);
  Answer answer(HTTPServerRequest& req, HTTPServerResponse& resp, Exchange& ex);
  Reply write(HTTPServerRequest& req, HTTPServerResponse& resp, const std::string& path);
  Reply document(const std::string& id);
  Answer cached_or_computed(const Exchange& ex, const Target& target, std::string_view rest);
  Reply compute(const Route& route, std::string_view rest, const Params& params,
                std::optional<std::uint64_t>& made_at);
  void send(HTTPServerResponse& resp, const Reply& reply, const Exchange& ex);
  std::string allowed_methods(const std::string& uri) const;
  void log_request(const HTTPServerRequest& req, const Exchange& ex, const Reply& reply,
                   double seconds);
};

void SearchServer::Impl::handle(HTTPServerRequest& req, HTTPServerResponse& resp) {
  auto started = std::chrono::steady_clock::now();
  Exchange ex{req.getMethod(), req.getURI(), nullptr};
  // Until the URI is decoded, its raw path decides how errors are written.
  ex.route = &find_route(std::string_view(ex.uri).substr(0, ex.uri.find('?')));
  Answer a;
  try {
    a = answer(req, resp, ex);
  } catch (...) {
    a = Answer{nullptr, error_reply(ex.route->api, log)};
  }
  send(resp, a.reply(), ex);
  if (ex.method != "GET" && ex.method != "HEAD" && a.reply().status >= 400) discard_rest(req);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics.record(std::string(ex.route_name), a.reply().status, seconds);
  if (options.access_log) log_request(req, ex, a.reply(), seconds);
}

Answer SearchServer::Impl::answer(HTTPServerRequest& req, HTTPServerResponse& resp, Exchange& ex) {
  if (ex.uri.size() > kMaxUri) throw HttpError{414, "uri_too_long", "Địa chỉ quá dài."};
  if (ex.method == "OPTIONS" && !options.cors_origin.empty()) {
    ex.route_name = "options";
    return Answer{nullptr,
                  Reply{204, "application/json; charset=utf-8", "", "", "no-cache", "", {}}};
  }
  Target target = parse_target(ex.uri);
  // Open with --read-token too: the login is how a browser gets in.
  if (UploadSite::serves(target.path)) {
    ex.route_name = "upload";
    return Answer{nullptr, site->handle(req, target.path)};
  }
  if (ex.method != "GET" && ex.method != "HEAD") {
    if (ingest && (target.path == "/api/documents" || target.path.starts_with("/api/documents/"))) {
      ex.route_name = "write";
      return Answer{nullptr, write(req, resp, target.path)};
    }
    ex.route_name = "other";
    throw HttpError{405, "method_not_allowed", "Phương thức không được hỗ trợ (chỉ GET)."};
  }
  std::string_view rest;
  ex.route = &find_route(target.path, &rest);
  ex.route_name = ex.route->name;
  // Before the cache: a cached reply is no more public than a fresh one.
  if (options.read_token && ex.route->name != "/healthz" && ex.route->name != "/static" &&
      !site->session_of(req))
    access->require(req, false);
  Answer a = cached_or_computed(ex, target, rest);
  const Reply& r = a.reply();
  if ((!r.etag.empty() && req.get("If-None-Match", "") == r.etag) || not_modified_since(req, r))
    return Answer{nullptr, Reply{304, r.content_type, "", r.etag, r.cache_control, "", {}}};
  return a;
}

// Auth, the rate, the declared size: all checked before the body is read (or, for a client that
// sent Expect: 100-continue, sent at all).
Reply SearchServer::Impl::write(HTTPServerRequest& req, HTTPServerResponse& resp,
                                const std::string& path) {
  const std::string prefix = "/api/documents/";
  const std::string id = path.size() > prefix.size() ? path.substr(prefix.size()) : "";
  auto who = site->api_writer(req);  // a bearer token, or the upload page's session + CSRF
  if (int wait = rate_limit->take(who.name)) {
    Reply r = error_reply(
        HttpError{429, "rate_limited",
                  "Quá nhiều lượt ghi; hãy thử lại sau " + std::to_string(wait) + " giây."},
        true);
    r.retry_after = std::to_string(wait);
    return r;
  }
  check_declared_size(req, options.max_upload_bytes);
  if (req.getExpectContinue()) resp.sendContinue();
  return ingest->write(req, id, who);
}

// The record GET /api/documents/{id} gives, made the same way (on a worker, with a handle).
Reply SearchServer::Impl::document(const std::string& id) {
  std::string_view rest;
  const std::string path = "/api/documents/" + id;
  const Route& route = find_route(path, &rest);
  std::optional<std::uint64_t> made_at;
  return compute(route, rest, {}, made_at);
}

// No handle is needed for a cache hit: hits stay fast while every handle is busy searching.
Answer SearchServer::Impl::cached_or_computed(const Exchange& ex, const Target& target,
                                              std::string_view rest) {
  std::optional<std::uint64_t> made_at;  // the index generation the reply was made at
  if (!cache || !ex.route->cacheable)
    return Answer{nullptr, compute(*ex.route, rest, target.params, made_at)};
  std::string key = ResponseCache::key(target.path, target.params);
  std::uint64_t generation = searchers->generation();
  auto found = cache->find(key, generation);
  if (found.stale) {  // another thread has just moved the cache on to a newer generation
    generation = searchers->generation();
    found = cache->find(key, generation);
  }
  if (found.value) return Answer{found.value, {}};
  auto flight = flights.join(std::to_string(generation) + ' ' + key);
  if (!flight->leads()) {
    if (auto shared = flight->wait()) return Answer{shared, {}};
  }
  Reply reply = compute(*ex.route, rest, target.params, made_at);
  // Only successes: errors are cheap to recompute, and caching them would let junk URIs crowd
  // out real pages. A reply made at another generation of the index than the one `key` was
  // looked up with (a commit or a rebuild in between) is not cached.
  if (reply.status != 200 || made_at != generation) return Answer{nullptr, std::move(reply)};
  auto shared = std::make_shared<const CachedReply>(
      CachedReply{std::move(reply), std::string(ex.route_name)});
  cache->insert(key, generation, shared);
  flight->land(shared);
  return Answer{shared, {}};
}

Reply SearchServer::Impl::compute(const Route& route, std::string_view rest, const Params& params,
                                  std::optional<std::uint64_t>& made_at) {
  return workers->run([&] {
    // Gives the handle back on the worker that took it, on success and on error alike.
    struct Finish {
      Endpoints& endpoints;
      std::optional<std::uint64_t>& at;
      ~Finish() { at = endpoints.finish_request(); }
    } finish{*endpoints, made_at};
    return endpoints->answer(route.endpoint, Request{rest, params});
  });
}

std::string SearchServer::Impl::allowed_methods(const std::string& uri) const {
  if (!ingest) return "GET, HEAD";
  std::string_view path = std::string_view(uri).substr(0, uri.find('?'));
  if (path == "/api/documents") return "POST";
  if (path.starts_with("/api/documents/")) return "GET, HEAD, PUT, PATCH, DELETE";
  if (UploadSite::serves(path))
    return path == "/dang-xuat" || path == "/tai-len/sua" ? "POST" : "GET, HEAD, POST";
  return "GET, HEAD";
}

void SearchServer::Impl::send(HTTPServerResponse& resp, const Reply& r, const Exchange& ex) {
  resp.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(r.status));
  resp.setContentType(r.content_type);
  resp.set("Cache-Control", r.cache_control);
  resp.set("X-Content-Type-Options", "nosniff");
  if (!r.etag.empty()) resp.set("ETag", r.etag);
  if (!r.retry_after.empty()) resp.set("Retry-After", r.retry_after);
  for (const auto& [name, value] : r.headers) resp.set(name, value);
  if (r.status == 405) resp.set("Allow", allowed_methods(ex.uri));
  // A refused write may leave its body unread on the connection: it cannot carry another request.
  if (ex.method != "GET" && ex.method != "HEAD" && r.status >= 400) resp.setKeepAlive(false);
  if (!options.cors_origin.empty() && ex.route->api) {
    resp.set("Access-Control-Allow-Origin", options.cors_origin);
    resp.set("Access-Control-Allow-Methods",
             ingest ? "GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE" : "GET, HEAD, OPTIONS");
    if (ingest || access) resp.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
    resp.set("Vary", "Origin");
  }
  resp.setContentLength(static_cast<std::streamsize>(r.body.size()));
  if (ex.method == "HEAD" || r.status == 204 || r.status == 304) {
    resp.send();
  } else {
    resp.sendBuffer(r.body.data(), r.body.size());
  }
}

void SearchServer::Impl::log_request(const HTTPServerRequest& req, const Exchange& ex,
                                     const Reply& reply, double seconds) {
  nlohmann::json line{
      {"method", ex.method},        {"uri", ex.uri.substr(0, 512)},
      {"status", reply.status},     {"ms", seconds * 1000},
      {"bytes", reply.body.size()}, {"client", req.clientAddress().host().toString()}};
  log.line(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

SearchServer::SearchServer(const ServerOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  if (options.cache_bytes > 0) impl_->cache = std::make_unique<ResponseCache>(options.cache_bytes);
  auto web_dir = options.web_dir.empty() ? std::filesystem::path(TRACUU_DEFAULT_WEB_DIR)
                                         : std::filesystem::path(options.web_dir);
  // Fails early with a clear message when the index is missing.
  impl_->searchers = std::make_unique<SearcherPool>(options.db_path, search_threads(options));
  impl_->workers = std::make_unique<Workers>(search_threads(options));
  impl_->endpoints = std::make_unique<Endpoints>(*impl_->searchers, impl_->metrics,
                                                 impl_->cache.get(), web_dir, impl_->log);
  if (options.writes || options.read_token)
    impl_->access = std::make_unique<Access>(options.db_path);
  if (options.writes) {
    impl_->rate_limit = std::make_unique<RateLimit>(options.writes_per_minute);
    IngestOptions io;
    io.max_bytes = options.max_upload_bytes;
    io.lock_wait = std::chrono::milliseconds(options.write_lock_wait_ms);
    io.keep_originals = options.keep_originals;
    impl_->ingest = std::make_unique<Ingest>(
        io, *impl_->searchers, impl_->log,
        [impl = impl_.get()](const std::string& id) { return impl->document(id); });
  }
  impl_->site = std::make_unique<UploadSite>(impl_->access.get(), impl_->ingest.get(),
                                             impl_->rate_limit.get(), options.max_upload_bytes);
}

SearchServer::~SearchServer() { stop(); }

// Connection threads only read requests, answer cache hits and send; searches run on the Workers,
// so the number of connections served at once is set apart from the searches' (see admission.h).
void SearchServer::start() {
  auto& o = impl_->options;
  unsigned threads = std::max(o.max_connections, search_threads(o));
  Poco::Net::ServerSocket socket;
  try {
    socket.bind(Poco::Net::SocketAddress(o.host, o.port), true);
    socket.listen(128);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(o.port) + ": " +
                             e.displayText());
  }
  impl_->port = socket.address().port();
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(static_cast<int>(threads));
  params->setMaxQueued(static_cast<int>(threads));  // Admission never lets more in
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(kKeepAliveSeconds, 0));
  params->setTimeout(Poco::Timespan(10, 0));
  impl_->admission = new Admission(threads, std::max(1u, o.max_connections_per_client));
  impl_->watch = std::make_unique<ConnectionWatch>(std::chrono::milliseconds(o.header_timeout_ms));
  impl_->context = std::make_unique<ConnectionContext>(
      ConnectionContext{params, *impl_->admission, *impl_->watch, impl_->metrics,
                        [impl = impl_.get()](HTTPServerRequest& req, HTTPServerResponse& resp) {
                          impl->handle(req, resp);
                        }});
  impl_->pool = std::make_unique<Poco::ThreadPool>(2, static_cast<int>(threads));
  impl_->tcp = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(*impl_->context),
                                                      *impl_->pool, socket, params);
  impl_->tcp->setConnectionFilter(impl_->admission);
  impl_->tcp->start();
}

void SearchServer::stop() {
  if (impl_ && impl_->tcp) {
    impl_->tcp->stop();        // no new connections
    impl_->watch->stop_all();  // wakes every connection; each ends after its current request
    impl_->pool->joinAll();
    impl_->tcp.reset();
  }
}

std::uint16_t SearchServer::port() const { return impl_->port; }

}  // namespace tracuu::server
