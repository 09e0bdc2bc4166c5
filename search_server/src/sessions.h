// Browser sessions of the upload page: a write token exchanged once, at /dang-nhap, for a random
// session id held in an HttpOnly cookie, with a synchronizer CSRF token tied to the session.
// Held in memory only: a restart logs everyone out (docs/api.md, "Sessions").
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tracuu::server {

struct Session {
  std::string token_name;  // whose write token it was exchanged for: every write is theirs
  std::string csrf;        // 64 hex digits, sent back in forms and X-CSRF-Token
  std::chrono::steady_clock::time_point expires;
};

// Thread-safe. Ids and CSRF tokens are 256 random bits (getrandom) in hex; the map is keyed by the
// SHA-256 of the id, so neither its lookups' timing nor a memory dump gives a usable cookie.
class Sessions {
 public:
  explicit Sessions(std::chrono::seconds lifetime = std::chrono::hours(12),
                    std::size_t max_sessions = 10000)
      : lifetime_(lifetime), max_sessions_(max_sessions) {}

  struct Started {
    std::string id;  // for the cookie; not kept
    Session session;
  };
  // A new session for `token_name`; when `max_sessions` are open, the one closest to expiry goes.
  Started start(const std::string& token_name);
  // The live session of a cookie's id; expired ones are forgotten.
  std::optional<Session> find(std::string_view id);
  void end(std::string_view id);
  // Every session of a token (revoked, or no longer allowed to write).
  void end_all_of(const std::string& token_name);

  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  void drop_expired();  // under mutex_

  const std::chrono::seconds lifetime_;
  const std::size_t max_sessions_;
  std::mutex mutex_;
  std::map<std::string, Session> by_hash_;
};

// 2n random hex digits.
std::string random_hex(std::size_t bytes);

// Equal secrets, compared in constant time for a given length (CRYPTO_memcmp).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace tracuu::server
