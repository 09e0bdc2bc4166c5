// Slow, idle and too many clients: nobody else waits for them.
#include "server_fixture.h"

using namespace std::chrono_literals;
using namespace tracuu::test;

TEST_F(ServerFaults, TricklingClientsDoNotLockOthersOut) {
  auto o = options();
  o.header_timeout_ms = 2000;
  auto port = start(o);
  // 70 clients from one address, each stuck one byte into its request header.
  std::vector<Poco::Net::StreamSocket> slow;
  for (int i = 0; i < 70; ++i) {
    slow.push_back(connect_from("127.0.0.2", port));
    send_text(slow.back(), "G");
  }
  auto started = std::chrono::steady_clock::now();
  auto probe = get(port, "/api/search?q=dan%20van");
  EXPECT_EQ(probe.status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << "another client waited";
  // Those over the per-address cap are told to retry at once; the others are cut at the
  // header deadline, with a 408.
  int refused = 0, timed_out = 0;
  for (auto& s : slow) {
    auto reply = read_all(s, 5s);
    if (status_line(reply) == "HTTP/1.1 503 Service Unavailable" &&
        reply.find("Retry-After: 1") != std::string::npos)
      ++refused;
    if (status_line(reply) == "HTTP/1.1 408 Request Time-out") ++timed_out;
  }
  EXPECT_EQ(refused, 70 - static_cast<int>(o.max_connections_per_client));
  EXPECT_EQ(timed_out, static_cast<int>(o.max_connections_per_client));
}

TEST_F(ServerFaults, IdleConnectionsDoNotMakeOthersWait) {
  auto port = start(options());
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 200; ++i) idle.push_back(connect_from("127.0.0.3", port));
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(get(port, "/api/search?q=dan%20van").status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s) << "another client waited";
}

TEST_F(ServerFaults, ConnectionsOverCapacityAreToldToRetryAtOnce) {
  auto o = options();
  o.max_connections = 8;
  auto port = start(o);
  // Idle connections from distinct addresses fill every connection thread.
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 8; ++i)
    idle.push_back(connect_from("127.0.1." + std::to_string(i + 1), port));
  std::this_thread::sleep_for(200ms);
  auto started = std::chrono::steady_clock::now();
  auto reply = raw_exchange(port, request_text("/api/search?q=dan"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_EQ(status_line(reply), "HTTP/1.1 503 Service Unavailable") << reply;
  EXPECT_NE(reply.find("Retry-After: 1"), std::string::npos) << reply;
  EXPECT_EQ(nlohmann::json::parse(body_of(reply))["error"]["code"], "overloaded");
  idle.clear();  // closed: capacity comes back
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(get(port, "/healthz").status, 200);
}
