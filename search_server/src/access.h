// Who may do what: the bearer token of a request checked against the index's token store.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <string>

#include "tracuu/indexer/token_store.h"

namespace tracuu::server {

// Thread-safe. Tokens are read from the Authorization header only (never from the URL, which
// lands in logs and browser history) and never logged.
class Access {
 public:
  explicit Access(const std::string& db_path) : tokens_(db_path) {}

  // The token's holder. Throws HttpError 401 `unauthorized` (no token, or one the store does not
  // know: the reply carries WWW-Authenticate: Bearer) or, when `write`, 403 `forbidden` for a
  // read-only token.
  indexer::TokenInfo require(const Poco::Net::HTTPServerRequest& req, bool write);

 private:
  indexer::TokenStore tokens_;
};

}  // namespace tracuu::server
