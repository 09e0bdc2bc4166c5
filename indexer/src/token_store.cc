// The token store: hashes of the API's bearer tokens, their names and rights (token_store.h).
#include "tracuu/indexer/token_store.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "durable_file.h"
#include "errors.h"
#include "sha256.h"

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

std::string base64url(const unsigned char* bytes, std::size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | bytes[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 0x3f];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 0x3f];
  return out;
}

std::string random_secret() {
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno != EINTR) throw std::runtime_error("getrandom failed");
    if (n > 0) got += static_cast<std::size_t>(n);
  }
  return "tracuu_" + base64url(bytes, sizeof bytes);
}

std::string now_iso() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void check_name(const std::string& name) {
  if (name.empty() || name.size() > 200)
    throw std::invalid_argument("a token name must have 1 to 200 bytes");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f)
      throw std::invalid_argument("a token name must not hold control characters");
}

// Serializes read-modify-write cycles of the file between processes (`tracuu token` runs).
class FileLock {
 public:
  explicit FileLock(const fs::path& path) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw translate_errno(errno, "cannot lock " + path.string(), strerror(errno));
    while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

std::string stamp_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return "";
  return std::to_string(st.st_ino) + ':' + std::to_string(st.st_size) + ':' +
         std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec);
}

}  // namespace

const char* right_name(TokenRight right) {
  return right == TokenRight::kWrite ? "write" : "read-only";
}

TokenStore::TokenStore(fs::path db_path) : dir_(std::move(db_path)), file_(dir_ / kFileName) {}

std::vector<TokenStore::Entry> TokenStore::load() const {
  std::ifstream in(file_, std::ios::binary);
  if (!in) return {};
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.contains("tokens"))
    throw IndexError(IndexErrorKind::kCorrupt, file_.string() + " is not a token file");
  std::vector<Entry> entries;
  for (const auto& t : j["tokens"]) {
    Entry e;
    e.info.name = t.value("name", "");
    e.info.right = t.value("right", "") == "write" ? TokenRight::kWrite : TokenRight::kReadOnly;
    e.info.created = t.value("created", "");
    e.sha256 = t.value("sha256", "");
    if (e.sha256.size() == 64) entries.push_back(std::move(e));
  }
  return entries;
}

void TokenStore::save(const std::vector<Entry>& entries) const {
  nlohmann::json tokens = nlohmann::json::array();
  for (const auto& e : entries)
    tokens.push_back({{"name", e.info.name},
                      {"right", right_name(e.info.right)},
                      {"created", e.info.created},
                      {"sha256", e.sha256}});
  nlohmann::json j{{"version", 1}, {"tokens", tokens}};
  replace_file(file_, j.dump(1) + "\n", 0600);
}

std::string TokenStore::add(const std::string& name, TokenRight right) {
  check_name(name);
  std::error_code ec;
  fs::create_directories(dir_, ec);
  FileLock lock(dir_ / "tracuu-tokens.lock");
  auto entries = load();
  for (const auto& e : entries)
    if (e.info.name == name)
      throw std::invalid_argument("a token named \"" + name + "\" exists already");
  std::string secret = random_secret();
  entries.push_back({{name, right, now_iso()}, sha256_hex(secret)});
  save(entries);
  return secret;
}

bool TokenStore::remove(const std::string& name) {
  FileLock lock(dir_ / "tracuu-tokens.lock");
  auto entries = load();
  auto n = std::erase_if(entries, [&](const Entry& e) { return e.info.name == name; });
  if (n == 0) return false;
  save(entries);
  return true;
}

std::vector<TokenInfo> TokenStore::list() const {
  std::vector<TokenInfo> out;
  for (auto& e : load()) out.push_back(std::move(e.info));
  return out;
}

void TokenStore::refresh() {
  std::string stamp = stamp_of(file_);
  if (stamp == cached_stamp_) return;
  cached_ = stamp.empty() ? std::vector<Entry>{} : load();
  cached_stamp_ = std::move(stamp);
}

std::optional<TokenInfo> TokenStore::verify(std::string_view token) {
  const std::string hash = sha256_hex(token);
  std::lock_guard lock(mutex_);
  refresh();
  std::optional<TokenInfo> found;
  for (const auto& e : cached_) {
    // Every entry is compared, whatever matched before: the time does not depend on where.
    if (CRYPTO_memcmp(hash.data(), e.sha256.data(), hash.size()) == 0) found = e.info;
  }
  return found;
}

}  // namespace tracuu::indexer
