// SHA-256 of a byte string (OpenSSL's libcrypto), as 64 lowercase hex digits.
#pragma once

#include <string>
#include <string_view>

namespace tracuu::indexer {

std::string sha256_hex(std::string_view bytes);

}  // namespace tracuu::indexer
