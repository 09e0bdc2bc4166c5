// The originals store's files: written under a temporary name and renamed into place, so a name
// never shows a partial file; one syncfs before each batch commits makes them durable together
// (a fsync per file cost 3 ms each: 3.7x the time of indexing small texts). A kill -9 or power
// loss before the commit leaves unreferenced files or temporaries, which the next
// remove_unreferenced() collects (docs/originals.md).
#include "tracuu/indexer/originals_store.h"

#include <fcntl.h>
#include <unistd.h>

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

void write_file(const fs::path& path, std::string_view bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) fail(errno, "cannot store an original in " + path.parent_path().string());
  int err = 0;
  while (!bytes.empty() && err == 0) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno != EINTR) err = errno;
    if (n > 0) bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0) return;
  ::unlink(path.c_str());
  fail(err, "cannot store an original in " + path.parent_path().string());
}

}  // namespace

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
  // Content-addressed: a complete file of that name is these bytes (renames are atomic). It may
  // come from a killed run and not be on disk yet: counted, so the next sync() covers it.
  if (fs::file_size(final_path, ec) == bytes.size() && !ec) {
    ++written_;
    return sha;
  }
  fs::create_directories(sub, ec);  // entries made durable by sync() with the files in them
  if (ec) fail(ec.value(), "cannot create " + sub.string());
  fs::path temp = sub / (std::string(kTempPrefix) + sha.substr(2) + "-" +
                         std::to_string(::getpid()) + "-" + std::to_string(temps_++));
  write_file(temp, bytes);
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail(err, "cannot store an original in " + sub.string());
  }
  ++written_;
  return sha;
}

void OriginalsStore::sync() {
  const std::uint64_t mine = written_.load();  // the caller's puts all returned before this
  std::lock_guard lock(sync_mutex_);
  if (synced_ >= mine) return;                    // a syncfs that began after them has finished
  const std::uint64_t covered = written_.load();  // renamed before the syncfs below begins
  int fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno, "cannot open " + dir_.string());
  int rc = ::syncfs(fd), err = errno;
  ::close(fd);
  if (rc != 0) fail(err, "cannot sync " + dir_.string());
  synced_ = covered;
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
