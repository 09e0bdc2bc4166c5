// The server's routes as one table: each path's metrics name, endpoint and reply rules.
#pragma once

#include <string_view>

#include "endpoints.h"

namespace tracuu::server {

enum class Match {
  kExact,   // the path itself
  kUnder,   // the path followed by at least one more character (given as Request::rest)
  kPrefix,  // any path starting with it (the fallbacks)
};

struct Route {
  std::string_view name;  // the metrics label
  std::string_view path;
  Match match;
  bool api;        // errors as JSON, CORS headers
  bool cacheable;  // the reply depends only on the request and the index
  Reply (Endpoints::*endpoint)(const Request&);
};

// The first route of the table that matches `path` (every path matches one: the last is a
// catch-all "not_found"). `rest` receives the part after the route's path.
const Route& find_route(std::string_view path, std::string_view* rest = nullptr);

}  // namespace tracuu::server
