// HTTP itself: status lines, protocol versions, oversized requests.
#include "server_fixture.h"

using namespace std::chrono_literals;
using namespace tracuu::test;

TEST_F(ServerFaults, ErrorRepliesCarryTheirOwnReasonPhrase) {
  auto port = start(options());
  EXPECT_EQ(status_line(raw_exchange(port, request_text("/api/documents/khong-co"))),
            "HTTP/1.1 404 Not Found");
  EXPECT_EQ(status_line(raw_exchange(port, request_text("/api/search", "POST"))),
            "HTTP/1.1 405 Method Not Allowed");
  EXPECT_EQ(status_line(raw_exchange(port, request_text("/healthz"))), "HTTP/1.1 200 OK");
}

TEST_F(ServerFaults, OnlyHttp1RequestsAreServed) {
  auto port = start(options());
  auto reply = raw_exchange(port, request_text("/healthz", "GET", "HTTP/9.9"));
  EXPECT_EQ(status_line(reply), "HTTP/1.1 505 HTTP Version Not Supported") << reply;
  EXPECT_EQ(nlohmann::json::parse(body_of(reply))["error"]["code"], "http_version");
  EXPECT_EQ(status_line(raw_exchange(port, request_text("/healthz", "GET", "HTTP/1.0"))),
            "HTTP/1.0 200 OK");
}

TEST_F(ServerFaults, UrisOverPocosLimitGetTheDocumented414) {
  auto port = start(options());
  for (std::size_t size : {5000, 17000, 40000}) {
    auto reply = raw_exchange(port, request_text("/api/search?q=" + std::string(size, 'a')));
    EXPECT_EQ(status_line(reply), "HTTP/1.1 414 Request-URI Too Large") << size;
    auto j = nlohmann::json::parse(body_of(reply), nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << reply;
    EXPECT_EQ(j["error"]["code"], "uri_too_long");
  }
}
