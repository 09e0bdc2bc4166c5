// Access tokens of the write API (and of reads, when the server requires them): each has a name
// and a right, and only its SHA-256 is kept, in DIR/tracuu-tokens.json beside the index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::indexer {

enum class TokenRight { kWrite, kReadOnly };

// "write" / "read-only", as the store and `tracuu token list` write them.
const char* right_name(TokenRight right);

struct TokenInfo {
  std::string name;
  TokenRight right = TokenRight::kWrite;
  std::string created;  // ISO 8601 UTC
};

// The secret itself is shown once, by add(), and never stored: a copy of the index directory
// (a backup) lets no one in. The file is replaced atomically (temp + fsync + rename) with mode
// 0600; add() and remove() from several processes at once are serialized by flock on
// DIR/tracuu-tokens.lock. verify() rereads the file when it changed, so a running server sees a
// token added or removed by `tracuu token` without a restart. Thread-safe. Faults of the file
// (permission, disk full) are IndexError; a name that is empty, has control characters or is
// taken is std::invalid_argument.
class TokenStore {
 public:
  explicit TokenStore(std::filesystem::path db_path);

  static constexpr const char* kFileName = "tracuu-tokens.json";

  // Makes a token for `name`: "tracuu_" + 32 random bytes (getrandom) in base64url. Returns it.
  std::string add(const std::string& name, TokenRight right);
  // False when no token has that name.
  bool remove(const std::string& name);
  std::vector<TokenInfo> list() const;

  // Whose token this is: its SHA-256 compared with every stored hash in constant time
  // (CRYPTO_memcmp, no early exit), so timing tells nothing about the stored tokens.
  std::optional<TokenInfo> verify(std::string_view token);

 private:
  struct Entry {
    TokenInfo info;
    std::string sha256;  // lowercase hex
  };
  std::vector<Entry> load() const;
  void save(const std::vector<Entry>& entries) const;
  void refresh();  // under mutex_: rereads the file when its identity or size changed

  std::filesystem::path dir_;
  std::filesystem::path file_;
  std::mutex mutex_;
  std::vector<Entry> cached_;
  std::string cached_stamp_;  // inode, size and mtime of the file read into cached_
};

}  // namespace tracuu::indexer
