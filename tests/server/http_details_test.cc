// HTTP itself: status lines, protocol versions, oversized requests.
#include "server_fixture.h"

namespace fs = std::filesystem;
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
