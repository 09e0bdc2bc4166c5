// The originals store's files: written under a temporary name, fsynced, renamed into place and
// the directory fsynced before put() returns, so the batch naming a file commits after the file
// is durable (docs/originals.md). A kill -9 between the two leaves an unreferenced file or a
// temporary, both collected by the next remove_unreferenced().
#include "tracuu/indexer/originals_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "errors.h"
#include "sha256.h"

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kTempPrefix = ".tmp-";

bool is_sha256(std::string_view s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

[[noreturn]] void fail(int err, const std::string& context) {
  throw translate_errno(err, context, std::strerror(err));
}

// fsync of a directory makes the entries created or renamed in it durable.
void sync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open " + dir.string());
  int rc = ::fsync(fd), err = errno;
  ::close(fd);
  if (rc != 0) fail(err, "cannot sync " + dir.string());
}

void write_durably(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail(errno, "cannot store an original in " + path.parent_path().string());
  int err = 0;
  while (!bytes.empty() && err == 0) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno != EINTR) err = errno;
    if (n > 0) bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0) return;
  ::unlink(path.c_str());
  fail(err, "cannot store an original in " + path.parent_path().string());
}

}  // namespace

// Each store directory is created once and made durable before a file in it is trusted; the lock
// keeps a second thread from using a directory whose creation is not yet synced.
void OriginalsStore::make_durable_dir(const fs::path& dir) {
  std::lock_guard lock(dirs_mutex_);
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  fs::create_directories(dir, ec);
  if (ec) fail(ec.value(), "cannot create " + dir.string());
  sync_dir(dir.parent_path());
}

OriginalsStore::OriginalsStore(const fs::path& db_path) : dir_(dir_of(db_path)) {}

fs::path OriginalsStore::dir_of(const fs::path& db_path) { return db_path / "originals"; }

std::optional<fs::path> OriginalsStore::path_of(const fs::path& db_path, std::string_view sha256) {
  if (!is_sha256(sha256)) return std::nullopt;
  return dir_of(db_path) / sha256.substr(0, 2) / sha256.substr(2);
}

std::string OriginalsStore::put(std::string_view bytes) {
  std::string sha = sha256_hex(bytes);
  fs::path sub = dir_ / sha.substr(0, 2), final_path = sub / sha.substr(2);
  std::error_code ec;
  // Content-addressed: a complete file of that name is these bytes (renames are atomic).
  if (fs::file_size(final_path, ec) == bytes.size() && !ec) return sha;
  if (!fs::is_directory(dir_, ec)) make_durable_dir(dir_);
  make_durable_dir(sub);
  static std::atomic<unsigned long> counter{0};
  fs::path temp = sub / (std::string(kTempPrefix) + sha.substr(2) + "-" +
                         std::to_string(::getpid()) + "-" + std::to_string(counter++));
  write_durably(temp, bytes);
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail(err, "cannot store an original in " + sub.string());
  }
  sync_dir(sub);
  return sha;
}

std::size_t OriginalsStore::remove_unreferenced(
    const std::function<bool(const std::string&)>& referenced) {
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator sub(dir_, ec), end; !ec && sub != end; sub.increment(ec)) {
    std::string prefix = sub->path().filename().string();
    if (prefix.size() != 2 || !sub->is_directory(ec)) continue;
    std::error_code ec2;
    for (fs::directory_iterator f(sub->path(), ec2); !ec2 && f != end; f.increment(ec2)) {
      std::string name = f->path().filename().string();
      bool temp = name.starts_with(kTempPrefix);
      if (!temp && (!is_sha256(prefix + name) || referenced(prefix + name))) continue;
      std::error_code rm;
      if (fs::remove(f->path(), rm)) ++removed;
    }
    std::error_code rm;
    fs::remove(sub->path(), rm);  // only when empty
  }
  return removed;
}

}  // namespace tracuu::indexer
