// SHA-256 of a byte string (OpenSSL's libcrypto), as 64 lowercase hex digits.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace tracuu::indexer {

std::string sha256_hex(std::string_view bytes);

// The same of a file's bytes, read 1 MB at a time (a drop folder's files can be of any size).
// Throws std::runtime_error when the file cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace tracuu::indexer
