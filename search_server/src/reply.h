// A whole HTTP reply as the server makes, caches and sends it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace tracuu::server {

struct Reply {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string etag;
  std::string cache_control = "no-cache";
  std::string retry_after;  // seconds, for a 503 the client should retry
  std::vector<std::pair<std::string, std::string>> headers;  // any others (Content-Disposition)
};

Reply json_reply(const nlohmann::json& j);
Reply html_reply(std::string html);
std::string etag_of(const std::string& body);
// Document and cited-document pages change only with the index: clients and proxies may revalidate.
Reply revalidatable(Reply r);

}  // namespace tracuu::server
