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
  static bool quiet = false;
  cmd->add_option("--db", db, "database directory")->required();
  cmd->add_option("--listen", listen, "HOST:PORT (default 127.0.0.1:8080; port 0 = any free port)");
  cmd->add_option("--threads", threads, "worker threads (default 2 x cores)");
  cmd->add_option("--cors-origin", cors, "allow this origin to call /api/* (wiki embedding)");
  cmd->add_option("--web-dir", web, "web assets folder (default: the built-in web/)");
  cmd->add_option("--cache-mb", cache_mb, "reply cache budget in MiB (default 64; 0 = off)");
  cmd->add_flag("--quiet", quiet, "no access log");
  cmd->callback([&exit_code] {
    server::ServerOptions o;
    o.db_path = db;
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
    o.host = listen.substr(0, colon);
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::runtime_error("port out of range: " + std::to_string(port));
    o.port = static_cast<std::uint16_t>(port);
    o.threads = threads;
    o.cors_origin = cors;
    o.web_dir = web;
    o.access_log = !quiet;
    o.cache_bytes = cache_mb << 20;
    // Block the signals before any thread starts, then wait for one here.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    server::SearchServer srv(o);
    srv.start();
    std::cerr << "tracuu serve: http://" << o.host << ":" << srv.port() << "/ (db " << db << ")"
              << std::endl;
    int sig = 0;
    sigwait(&set, &sig);
    std::cerr << "tracuu serve: stopping (signal " << sig << ")" << std::endl;
    srv.stop();
    exit_code = 0;
  });
}

}  // namespace tracuu::cli
