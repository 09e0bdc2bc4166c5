// A fresh index of the sample corpus per test and a real server on an ephemeral loopback port,
// for the tests of the server under faults (tests that change or damage their index).
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "raw_http.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/server/server.h"

namespace tracuu::test {

struct Got {
  int status = 0;
  std::string body;
  Poco::Net::HTTPResponse raw;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

inline Got get(std::uint16_t port, const std::string& uri) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest req("GET", uri, Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(req);
  Got g;
  Poco::StreamCopier::copyToString(session.receiveResponse(g.raw), g.body);
  g.status = g.raw.getStatus();
  return g;
}

inline std::string request_text(const std::string& target, const std::string& method = "GET",
                                const std::string& version = "HTTP/1.1") {
  return method + " " + target + " " + version + "\r\nHost: t\r\nConnection: close\r\n\r\n";
}

inline tracuu::corpus::Document note(const std::string& id, const std::string& words) {
  tracuu::corpus::Document d;
  d.id = id;
  d.title = "Thông báo " + words;
  d.text = "Nội dung thông báo về " + words + ".";
  return d;
}

// Captures what the server logs (std::cerr) while alive.
class CapturedLog {
 public:
  CapturedLog() : old_(std::cerr.rdbuf(text_.rdbuf())) {}
  ~CapturedLog() { std::cerr.rdbuf(old_); }
  std::string text() const { return text_.str(); }

 private:
  std::ostringstream text_;
  std::streambuf* old_;
};

class ServerFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::filesystem::temp_directory_path() /
          ("tracuu-faults-" + std::to_string(getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(db_);
    tracuu::indexer::IndexWriter w(db_.string(), {});
    w.index_paths({std::string(TRACUU_SOURCE_DIR) + "/data/sample"});
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(db_);
  }
  tracuu::server::ServerOptions options() const {
    tracuu::server::ServerOptions o;
    o.db_path = db_.string();
    o.port = 0;
    o.threads = 4;
    o.access_log = false;
    return o;
  }
  std::uint16_t start(const tracuu::server::ServerOptions& o) {
    server_ = std::make_unique<tracuu::server::SearchServer>(o);
    server_->start();
    return server_->port();
  }

  std::filesystem::path db_;
  std::unique_ptr<tracuu::server::SearchServer> server_;
};

}  // namespace tracuu::test
