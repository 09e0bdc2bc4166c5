#include "write_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "errors.h"

namespace tracuu::indexer {

WriteLock::WriteLock(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw translate_errno(ec.value(), "cannot create the index " + dir, ec.message());
  const std::string path = (std::filesystem::path(dir) / kFileName).string();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw translate_errno(errno, "cannot write to the index " + dir, path);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    ::close(fd_);
    if (err == EWOULDBLOCK)
      throw IndexError(
          IndexErrorKind::kLocked,
          "index " + dir + " is locked by another writer (is another `tracuu index` running?)");
    throw translate_errno(err, "cannot lock the index " + dir, path);
  }
}

WriteLock::~WriteLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

}  // namespace tracuu::indexer
