// The request loop of a connection (after Poco's HTTPServerConnection::run).
#include "connection.h"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>

namespace tracuu::server {
namespace {

using Poco::Net::HTTPMessage;
using Poco::Net::HTTPResponse;

// Why a request could not be read. Poco says only "URI invalid or too long" for a URI over its
// 16 KB limit (a URI cut short by the client's hanging up is the same error, but then nobody
// reads the answer).
HttpError unreadable(const Poco::Net::MessageException& e, bool timed_out) {
  if (timed_out) return {408, "request_timeout", "Yêu cầu gửi đến quá chậm; kết nối đã được đóng."};
  if (e.message().find("URI") != std::string::npos)
    return {414, "uri_too_long", "Địa chỉ quá dài."};
  return {400, "bad_request", "Yêu cầu HTTP không hợp lệ."};
}

}  // namespace

Connection::Connection(const Poco::Net::StreamSocket& socket, ConnectionContext& context)
    : TCPServerConnection(socket), context_(context) {
  try {
    client_ = socket.peerAddress().host().toString();
  } catch (const Poco::Exception&) {  // gone already: Admission counted it under the same text
  }
}

Connection::~Connection() { context_.admission.leave(client_); }

void Connection::run() {
  auto& watch = context_.watch;
  const ConnectionWatch::Id id = watch.open(socket());
  Poco::Net::HTTPServerSession session(socket(), context_.params);
  try {
    while (!watch.stopping() && session.hasMoreRequests()) {
      watch.expect_header(id);
      if (!serve_one(session, id)) break;
    }
  } catch (const Poco::Exception&) {  // the client went away mid-reply
  }
  watch.close(id);
}

bool Connection::serve_one(Poco::Net::HTTPServerSession& session, ConnectionWatch::Id id) {
  Poco::Net::HTTPServerParams* params = context_.params.get();
  try {
    Poco::Net::HTTPServerResponseImpl response(session);
    Poco::Net::HTTPServerRequestImpl request(response, session, params);
    context_.watch.header_received(id);
    const std::string& version = request.getVersion();
    if (version != HTTPMessage::HTTP_1_0 && version != HTTPMessage::HTTP_1_1) {
      send_error(session, {505, "http_version", "Chỉ hỗ trợ HTTP/1.0 và HTTP/1.1."});
      return false;
    }
    response.setDate(Poco::Timestamp());
    response.setVersion(version);
    response.setKeepAlive(params->getKeepAlive() && request.getKeepAlive() &&
                          session.canKeepAlive());
    context_.handle(request, response);
    session.setKeepAlive(params->getKeepAlive() && response.getKeepAlive() &&
                         session.canKeepAlive());
    return true;
  } catch (const Poco::Net::NoMessageException&) {
    return false;  // closed between requests (or idle past the deadline): nothing to answer
  } catch (const Poco::Net::MessageException& e) {
    send_error(session, unreadable(e, context_.watch.timed_out(id)));
    return false;
  }
}

void Connection::send_error(Poco::Net::HTTPServerSession& session, const HttpError& error) {
  Reply reply = error_reply(error, true);
  Poco::Net::HTTPServerResponseImpl response(session);
  response.setVersion(HTTPMessage::HTTP_1_1);
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(reply.status));
  response.setKeepAlive(false);
  response.setContentType(reply.content_type);
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  response.set("Cache-Control", reply.cache_control);
  // send(), not sendBuffer(): without a request attached, Poco would leave the body out.
  response.send().write(reply.body.data(), static_cast<std::streamsize>(reply.body.size())).flush();
  session.setKeepAlive(false);
  context_.metrics.record("unreadable", reply.status, 0);
}

}  // namespace tracuu::server
