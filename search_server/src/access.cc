// Bearer tokens (access.h).
#include "access.h"

#include <Poco/String.h>

#include "http_error.h"

namespace tracuu::server {

indexer::TokenInfo Access::require(const Poco::Net::HTTPServerRequest& req, bool write) {
  const std::string header = req.get("Authorization", "");
  constexpr std::string_view kScheme = "Bearer ";
  std::string_view token;
  if (header.size() > kScheme.size() &&
      Poco::icompare(header.substr(0, kScheme.size()), std::string(kScheme)) == 0)
    token = std::string_view(header).substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty())
    throw HttpError{401, "unauthorized",
                    "Cần mã truy cập: gửi tiêu đề Authorization: Bearer <mã>."};
  auto who = tokens_.verify(token);
  if (!who) throw HttpError{401, "unauthorized", "Mã truy cập không hợp lệ hoặc đã bị thu hồi."};
  if (write && who->right != indexer::TokenRight::kWrite)
    throw HttpError{403, "forbidden", "Mã truy cập này chỉ được đọc, không được ghi."};
  return *who;
}

bool Access::may_write(const std::string& token_name) const {
  for (const auto& t : tokens_.list())
    if (t.name == token_name) return t.right == indexer::TokenRight::kWrite;
  return false;
}

}  // namespace tracuu::server
