// One client connection: its requests read, checked and handed to the server, one at a time.
#pragma once

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <functional>

#include "admission.h"
#include "connection_watch.h"
#include "http_error.h"
#include "metrics.h"

namespace tracuu::server {

// What every connection shares (owned by the server, outliving its connections).
struct ConnectionContext {
  Poco::Net::HTTPServerParams::Ptr params;
  Admission& admission;
  ConnectionWatch& watch;
  Metrics& metrics;
  std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)> handle;
};

// Poco's HTTPServerConnection, with what it lacks: a deadline for the whole request header
// (408), only HTTP/1.0 and 1.1 (505), JSON errors for requests that cannot be read (414 for a
// URI over Poco's 16 KB, 400 otherwise), and the admission count kept.
class Connection : public Poco::Net::TCPServerConnection {
 public:
  Connection(const Poco::Net::StreamSocket& socket, ConnectionContext& context);
  ~Connection() override;
  void run() override;

 private:
  bool serve_one(Poco::Net::HTTPServerSession& session, ConnectionWatch::Id id);
  void send_error(Poco::Net::HTTPServerSession& session, const HttpError& error);

  ConnectionContext& context_;
  std::string client_;
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  explicit ConnectionFactory(ConnectionContext& context) : context_(context) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& s) override {
    return new Connection(s, context_);  // Poco takes ownership
  }

 private:
  ConnectionContext& context_;
};

}  // namespace tracuu::server
