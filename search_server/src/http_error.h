// Errors as the HTTP client sees them: the client's own (HttpError) and the index's faults,
// mapped to replies in one place.
#pragma once

#include <string>

#include "log.h"
#include "reply.h"
#include "tracuu/indexer/errors.h"
#include "tracuu/indexer/search_request.h"

namespace tracuu::server {

// An error the client caused; becomes {"error":{"code","message"}} with `status`.
struct HttpError {
  int status;
  std::string code;
  std::string message;  // Vietnamese, shown to users
};

// A request the indexer refused (bad date or year, query too long...) as the 400 users read: the
// one table of Vietnamese messages for QueryError codes.
HttpError request_fault(const indexer::QueryError& e);

// The reply for the exception being handled (call only inside a catch block): JSON when `api`
// (and for 405/414, whatever the path), otherwise an HTML page. Faults of the index and of the
// server are logged with their underlying message; the client gets a 5xx and a Vietnamese message.
Reply error_reply(bool api, Log& log);

// An index fault as the log tells it: what happened, its kind and the underlying message.
std::string describe(const indexer::IndexError& e);

// The same reply for an error that was not thrown.
Reply error_reply(const HttpError& e, bool api);

}  // namespace tracuu::server
