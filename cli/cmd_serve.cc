// `tracuu serve`: the HTTP API and web UI until SIGINT/SIGTERM.
#include <csignal>
#include <iostream>

#include "commands.h"
#include "tracuu/server/server.h"

namespace tracuu::cli {

void register_serve(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("serve", "Serve the search API and web interface");
  static std::string db, listen = "127.0.0.1:8080", cors, web;
  static unsigned threads = 0;
  static std::size_t cache_mb = 64;
  static bool quiet = false, writes = false, read_token = false, no_originals = false;
  static std::size_t max_upload_mb = 64;
  static double write_rate = 60;
  static unsigned lock_wait = 10;
  cmd->add_option("--db", db, "database directory")->required();
  cmd->add_option("--listen", listen, "HOST:PORT (default 127.0.0.1:8080; port 0 = any free port)");
  cmd->add_option("--threads", threads, "worker threads (default 2 x cores)");
  cmd->add_option("--cors-origin", cors, "allow this origin to call /api/* (wiki embedding)");
  cmd->add_option("--web-dir", web, "web assets folder (default: the built-in web/)");
  cmd->add_option("--cache-mb", cache_mb, "reply cache budget in MiB (default 64; 0 = off)");
  cmd->add_flag("--quiet", quiet, "no access log");
  cmd->add_flag("--writes", writes,
                "turn on the write API (POST/PUT/DELETE /api/documents; tokens: `tracuu token`)");
  cmd->add_flag("--read-token", read_token, "every read needs a token too (but /healthz)");
  cmd->add_option("--max-upload-mb", max_upload_mb, "largest write body in MiB (default 64)");
  cmd->add_option("--write-rate", write_rate, "writes per minute per token (default 60; 0 = any)");
  cmd->add_option("--write-lock-wait", lock_wait,
                  "seconds a write waits for another writer's lock before 503 (default 10)");
  cmd->add_flag("--no-originals", no_originals, "uploads keep no copy of their file");
  cmd->callback([&exit_code] {
    server::ServerOptions o;
    o.db_path = db;
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
    o.host = listen.substr(0, colon);
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535)
      throw std::runtime_error("port out of range: " + std::to_string(port));
    o.port = static_cast<std::uint16_t>(port);
    o.threads = threads;
    o.cors_origin = cors;
    o.web_dir = web;
    o.access_log = !quiet;
    o.cache_bytes = cache_mb << 20;
    o.writes = writes;
    o.read_token = read_token;
    o.max_upload_bytes = max_upload_mb << 20;
    o.writes_per_minute = write_rate;
    o.write_lock_wait_ms = lock_wait * 1000;
    o.keep_originals = !no_originals;
    // Block the signals before any thread starts, then wait for one here.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    server::SearchServer srv(o);
    srv.start();
    std::cerr << "tracuu serve: http://" << o.host << ":" << srv.port() << "/ (db " << db << ")"
              << (writes ? " writes on" : "") << (read_token ? ", reads need a token" : "")
              << std::endl;
    int sig = 0;
    sigwait(&set, &sig);
    std::cerr << "tracuu serve: stopping (signal " << sig << ")" << std::endl;
    srv.stop();
    exit_code = 0;
  });
}

}  // namespace tracuu::cli
