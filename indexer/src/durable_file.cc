// fsync discipline for the index's small side files (tokens, change log); see durable_file.h.
#include "durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "errors.h"

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(int err, const fs::path& path) {
  throw translate_errno(err, "cannot write " + path.string(), std::strerror(err));
}

// Writes all of `bytes` and fsyncs; returns 0 or the errno of the first failure.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno != EINTR) return errno;
    if (n > 0) bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return ::fsync(fd) == 0 ? 0 : errno;
}

// A rename or a new name is durable only once the directory holding it is.
void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(errno, dir);
  int err = ::fsync(fd) == 0 ? 0 : errno;
  ::close(fd);
  if (err != 0) fail(err, dir);
}

}  // namespace

void replace_file(const fs::path& path, std::string_view bytes, unsigned mode) {
  static std::atomic<unsigned> counter{0};
  fs::path temp = path;
  temp += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) fail(errno, path);
  int err = write_all(fd, bytes);
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(temp.c_str(), path.c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    fail(err, path);
  }
  sync_directory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void append_line(const fs::path& path, std::string_view line) {
  std::error_code ec;
  const bool existed = fs::exists(path, ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) fail(errno, path);
  int err = write_all(fd, line);
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) fail(err, path);
  if (!existed) sync_directory(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

}  // namespace tracuu::indexer
