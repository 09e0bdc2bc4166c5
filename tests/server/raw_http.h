// Raw HTTP for server tests: exact status lines, clients from chosen loopback addresses
// (127.0.0.0/8 is all loopback on Linux), and connections that send slowly or not at all.
#pragma once

#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace tracuu::test {

// A connection to the server on 127.0.0.1:`port` from the address `from`.
inline Poco::Net::StreamSocket connect_from(const std::string& from, std::uint16_t port) {
  Poco::Net::StreamSocket s(Poco::Net::SocketAddress::IPv4);
  s.impl()->bind(Poco::Net::SocketAddress(from, 0));
  s.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(5, 0));
  return s;
}

inline void send_text(Poco::Net::StreamSocket& s, const std::string& text) {
  s.sendBytes(text.data(), static_cast<int>(text.size()));
}

// Everything the server sends until it closes the connection (or `timeout` passes).
inline std::string read_all(Poco::Net::StreamSocket& s, std::chrono::seconds timeout) {
  std::string out;
  char buffer[8192];
  s.setReceiveTimeout(Poco::Timespan(static_cast<long>(timeout.count()), 0));
  try {
    for (int n; (n = s.receiveBytes(buffer, sizeof buffer)) > 0;) out.append(buffer, n);
  } catch (const Poco::Exception&) {  // timeout or reset: return what came
  }
  return out;
}

// One request written as is, on a connection of its own; the whole answer.
inline std::string raw_exchange(std::uint16_t port, const std::string& request,
                                const std::string& from = "127.0.0.1") {
  auto s = connect_from(from, port);
  send_text(s, request);
  return read_all(s, std::chrono::seconds(10));
}

inline std::string status_line(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

inline std::string body_of(const std::string& response) {
  auto at = response.find("\r\n\r\n");
  return at == std::string::npos ? "" : response.substr(at + 4);
}

}  // namespace tracuu::test
