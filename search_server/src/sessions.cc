// Browser sessions (sessions.h).
#include "sessions.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <sys/random.h>

#include <cerrno>
#include <stdexcept>
#include <vector>

namespace tracuu::server {
namespace {

std::string hex(const unsigned char* bytes, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

std::string key_of(std::string_view id) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(id.data()), id.size(), digest);
  return hex(digest, sizeof digest);
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  std::size_t got = 0;
  while (got < bytes) {
    ssize_t n = ::getrandom(buf.data() + got, bytes - got, 0);
    if (n < 0 && errno != EINTR) throw std::runtime_error("getrandom failed");
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  return hex(buf.data(), bytes);
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Sessions::Started Sessions::start(const std::string& token_name) {
  Started s{random_hex(32),
            Session{token_name, random_hex(32), std::chrono::steady_clock::now() + lifetime_}};
  std::lock_guard lock(mutex_);
  drop_expired();
  if (by_hash_.size() >= max_sessions_) {
    auto soonest = by_hash_.begin();
    for (auto it = by_hash_.begin(); it != by_hash_.end(); ++it)
      if (it->second.expires < soonest->second.expires) soonest = it;
    by_hash_.erase(soonest);
  }
  by_hash_[key_of(s.id)] = s.session;
  return s;
}

std::optional<Session> Sessions::find(std::string_view id) {
  if (id.size() != 64) return std::nullopt;
  const std::string key = key_of(id);
  std::lock_guard lock(mutex_);
  auto it = by_hash_.find(key);
  if (it == by_hash_.end()) return std::nullopt;
  if (it->second.expires <= std::chrono::steady_clock::now()) {
    by_hash_.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void Sessions::end(std::string_view id) {
  const std::string key = key_of(id);
  std::lock_guard lock(mutex_);
  by_hash_.erase(key);
}

void Sessions::end_all_of(const std::string& token_name) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_hash_, [&](const auto& entry) { return entry.second.token_name == token_name; });
}

void Sessions::drop_expired() {
  const auto now = std::chrono::steady_clock::now();
  std::erase_if(by_hash_, [&](const auto& entry) { return entry.second.expires <= now; });
}

}  // namespace tracuu::server
