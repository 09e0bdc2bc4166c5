// Reply constructors shared by the endpoints and the error mapping.
#include "reply.h"

#include <functional>
#include <sstream>

namespace tracuu::server {

Reply json_reply(const nlohmann::json& j) {
  return {200,
          "application/json; charset=utf-8",
          j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
          "",
          "no-cache",
          "",
          {}};
}

Reply html_reply(std::string html) {
  return {200, "text/html; charset=utf-8", std::move(html), "", "no-cache", "", {}};
}

std::string etag_of(const std::string& body) {
  std::ostringstream o;
  o << "\"" << std::hex << std::hash<std::string>{}(body) << "\"";
  return o.str();
}

Reply revalidatable(Reply r) {
  r.etag = etag_of(r.body);
  r.cache_control = "public, max-age=60";
  return r;
}

}  // namespace tracuu::server
