// Who may do what: the bearer token of a request checked against the index's token store.
#pragma once

#include <Poco/Net/HTTPServerRequest.h>

#include <optional>
#include <string>
#include <string_view>

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

  // The holder of a token typed into the login form (constant-time, as require()).
  std::optional<indexer::TokenInfo> verify(std::string_view token) { return tokens_.verify(token); }

  // Whether the token named so still exists with the write right: a session lives no longer than
  // the token it was exchanged for (`tracuu token remove` ends it at its next request).
  bool may_write(const std::string& token_name) const;

 private:
  indexer::TokenStore tokens_;
};

}  // namespace tracuu::server
