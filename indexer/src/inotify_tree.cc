// Recursive inotify (inotify_tree.h).
#include "inotify_tree.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "tracuu/indexer/errors.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

// IN_CREATE is for folders only (a file counts once written and closed); IN_ONLYDIR and
// IN_DONT_FOLLOW keep a symlink from taking the watch outside the folder.
constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
                                IN_CREATE | IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK;

bool inside(const fs::path& path, const fs::path& dir) {
  auto [end, _] = std::mismatch(dir.begin(), dir.end(), path.begin(), path.end());
  return end == dir.end();
}

}  // namespace

InotifyTree::InotifyTree(const fs::path& root, std::function<bool(const fs::path&)> skip,
                         std::function<void(const std::string&)> say)
    : root_(root), skip_(std::move(skip)), say_(std::move(say)) {
  fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0)
    throw IndexError(IndexErrorKind::kOther, "inotify is not available", std::strerror(errno));
  watch_tree(root);
  if (folders_.empty()) {  // the root itself could not be watched: errno says why
    int err = errno;
    ::close(fd_);
    throw IndexError(IndexErrorKind::kOther, "cannot watch " + root.string(), std::strerror(err));
  }
}

InotifyTree::~InotifyTree() {
  if (fd_ >= 0) ::close(fd_);
}

// A folder that vanishes meanwhile is simply not watched: its deletion is an event of its parent.
void InotifyTree::watch_tree(const fs::path& dir) {
  int wd = ::inotify_add_watch(fd_, dir.c_str(), kMask);
  if (wd < 0) {
    if (errno != ENOENT && errno != ENOTDIR && !folders_.empty() && say_)
      say_("cannot watch " + dir.lexically_relative(root_).generic_string() + ": " +
           std::strerror(errno) +
           " (files there are found at the next start; see "
           "fs.inotify.max_user_watches)");
    return;
  }
  folders_[wd] = dir;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && !it->is_symlink(ec) && !skip_(it->path())) watch_tree(it->path());
}

// A folder moved away keeps its watches in the kernel; they would report from its new place.
void InotifyTree::unwatch_tree(const fs::path& dir) {
  for (auto it = folders_.begin(); it != folders_.end();) {
    if (inside(it->second, dir)) {
      ::inotify_rm_watch(fd_, it->first);
      it = folders_.erase(it);
    } else {
      ++it;
    }
  }
}

bool InotifyTree::read(FolderChanges& changes) {
  alignas(struct inotify_event) char buffer[64 * 1024];
  bool any = false;
  for (;;) {
    ssize_t n = ::read(fd_, buffer, sizeof buffer);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return any;
    }
    any = true;
    for (char* p = buffer; p < buffer + n;) {
      auto* event = reinterpret_cast<struct inotify_event*>(p);
      handle(event->wd, event->mask, event->len ? event->name : "", changes);
      p += sizeof(struct inotify_event) + event->len;
    }
  }
}

void InotifyTree::handle(int wd, unsigned mask, const char* name, FolderChanges& changes) {
  if (mask & IN_Q_OVERFLOW) {
    changes.everything = true;
    return;
  }
  if (mask & IN_IGNORED) {  // the folder went (or unwatch_tree removed it)
    folders_.erase(wd);
    return;
  }
  auto folder = folders_.find(wd);
  if (folder == folders_.end() || *name == '\0') return;
  fs::path path = folder->second / name;
  if (skip_(path)) return;
  if (!(mask & IN_ISDIR)) {
    if (mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE))
      changes.files.insert(path);
    return;
  }
  if (mask & (IN_CREATE | IN_MOVED_TO)) watch_tree(path);  // files made before it are rescanned
  if (mask & IN_MOVED_FROM) unwatch_tree(path);
  changes.folders.insert(path);
}

}  // namespace tracuu::indexer
