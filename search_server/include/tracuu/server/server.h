// The HTTP server: JSON API, server-rendered permalinks and the static web UI.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace tracuu::server {

struct ServerOptions {
  std::string db_path;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = ephemeral (tests)
  unsigned threads = 0;       // 0 = 2 x cores
  std::string web_dir;        // empty = built-in web/ folder
  std::string cors_origin;    // empty = no CORS headers
  bool access_log = true;
  // Budget of the in-memory reply cache (whole replies per request URI, for the current index
  // revision); 0 = no cache.
  std::size_t cache_bytes = std::size_t{64} << 20;
  // Each open connection holds a thread while it lasts: connections beyond these limits are
  // answered 503 with Retry-After at once, instead of waiting for one.
  unsigned max_connections = 128;
  unsigned max_connections_per_client = 32;  // from one client address
  unsigned header_timeout_ms = 5000;         // a whole request header must arrive within it, or 408
  // The write API (POST/PUT/DELETE /api/documents; docs/api.md, "Writing"): off unless set.
  // Writes need a bearer token with the write right (`tracuu token add`).
  bool writes = false;
  // Every read needs a token too (any right), but /healthz and /static/ (an internal archive).
  bool read_token = false;
  // Largest write body: the reader refuses files over 64 MB, so a larger upload could not be read.
  std::size_t max_upload_bytes = std::size_t{64} << 20;
  double writes_per_minute = 60;        // per token: a minute's worth at once, then this rate
  unsigned write_lock_wait_ms = 10000;  // for `tracuu index` to let go of the write lock, or 503
  bool keep_originals = true;           // uploads keep their file (false: --no-originals)
};

class SearchServer {
 public:
  explicit SearchServer(const ServerOptions& options);  // throws std::runtime_error
  ~SearchServer();
  SearchServer(const SearchServer&) = delete;
  SearchServer& operator=(const SearchServer&) = delete;

  void start();
  void stop();
  std::uint16_t port() const;  // the bound port (after start)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tracuu::server
