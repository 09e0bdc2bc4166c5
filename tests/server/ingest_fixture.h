// The write API's tests: an index of a few records of our own, two tokens (one may write, one may
// only read) and a real server with --writes on an ephemeral loopback port.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/token_store.h"
#include "tracuu/server/server.h"

namespace tracuu::test {

struct Sent {
  int status = 0;
  std::string body;
  Poco::Net::HTTPResponse head;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// One request; `token` empty = no Authorization header.
inline Sent send(std::uint16_t port, const std::string& method, const std::string& uri,
                 const std::string& token = "", const std::string& content_type = "",
                 const std::string& body = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) req.set("Authorization", "Bearer " + token);
  if (!content_type.empty()) req.setContentType(content_type);
  if (method != "GET" && method != "HEAD" && method != "DELETE")
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(req) << body;
  Sent s;
  Poco::StreamCopier::copyToString(session.receiveResponse(s.head), s.body);
  s.status = s.head.getStatus();
  return s;
}

inline const std::string kBoundary = "----tracuu-test-boundary-7d3f";
inline const std::string kMultipart = "multipart/form-data; boundary=" + kBoundary;

// A multipart/form-data body with the file in field `file` and the given plain fields.
inline std::string multipart(const std::string& filename, const std::string& bytes,
                             const std::vector<std::pair<std::string, std::string>>& fields = {}) {
  std::string b;
  for (const auto& [name, value] : fields)
    b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
         value + "\r\n";
  b += "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
       filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n";
  b += "--" + kBoundary + "--\r\n";
  return b;
}

inline std::string record(const std::string& title, const std::string& text,
                          const std::string& id = "") {
  nlohmann::json j{{"title", title}, {"text", text}};
  if (!id.empty()) j["id"] = id;
  return j.dump();
}

inline std::string encode(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "&=?#+/%\" ", out);
  return out;
}

// The ids of the hits of /api/search?q=...
inline std::vector<std::string> hit_ids(std::uint16_t port, const std::string& q,
                                        const std::string& token = "") {
  // Strict matching (exact=1): the forgiving pass would let a look-alike word ("cây" ~ "cháy")
  // find a replaced document by its new text.
  auto r = send(port, "GET", "/api/search?exact=1&q=" + encode(q), token);
  std::vector<std::string> ids;
  auto j = r.json();
  if (j.is_object() && j.contains("hits"))
    for (const auto& h : j["hits"]) ids.push_back(h["id"].get<std::string>());
  return ids;
}

class IngestServer : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tracuu-ingest-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = dir_ / "db";
    {
      std::ofstream out(dir_ / "seed.jsonl");
      out << record("Thông báo lịch tiếp công dân tháng Ba",
                    "Lãnh đạo phường tiếp công dân vào sáng thứ Năm hằng tuần.", "seed-1")
          << "\n"
          << record("Báo cáo kết quả trồng cây đầu xuân",
                    "Toàn huyện trồng mới hơn hai nghìn cây xanh ven đường.", "seed-2")
          << "\n";
    }
    indexer::IndexOptions o;
    o.shards = 2;
    indexer::IndexWriter w(db_.string(), o);
    w.index_paths({(dir_ / "seed.jsonl").string()});
    indexer::TokenStore tokens(db_);
    writer_ = tokens.add("wiki-noi-bo", indexer::TokenRight::kWrite);
    reader_ = tokens.add("chi-doc", indexer::TokenRight::kReadOnly);
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(dir_);
  }
  server::ServerOptions options() const {
    server::ServerOptions o;
    o.db_path = db_.string();
    o.port = 0;
    o.threads = 4;
    o.access_log = false;
    o.writes = true;
    return o;
  }
  std::uint16_t start(const server::ServerOptions& o) {
    server_ = std::make_unique<server::SearchServer>(o);
    server_->start();
    return server_->port();
  }
  std::uint16_t start() { return start(options()); }

  std::filesystem::path dir_, db_;
  std::string writer_, reader_;
  std::unique_ptr<server::SearchServer> server_;
};

}  // namespace tracuu::test
