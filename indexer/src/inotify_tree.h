// A folder and every folder under it, watched with Linux inotify (the kernel API; no library):
// what changed there, as paths to look at again. Folders created or moved in later are watched
// as they appear. Only complete files count: a file is reported when closed after writing
// (IN_CLOSE_WRITE: `cp`, a scanner, an editor's save) or moved in (IN_MOVED_TO: an office sync's
// rename of its finished temporary), and when deleted or moved away.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace tracuu::indexer {

// What the events since the last read ask to look at again.
struct FolderChanges {
  std::set<std::filesystem::path> files;    // created, rewritten, moved in or out, deleted
  std::set<std::filesystem::path> folders;  // created, moved in or out, deleted: whole subtrees
  bool everything = false;                  // the kernel's queue overflowed: rescan the folder
  bool empty() const { return files.empty() && folders.empty() && !everything; }
};

class InotifyTree {
 public:
  // `skip(path)`: names never looked at (editor temporaries, dotfiles, the index itself);
  // `say`: the log, told of a subfolder that cannot be watched (fs.inotify.max_user_watches).
  // Throws IndexError (kOther) when inotify is not available or the folder cannot be watched.
  InotifyTree(const std::filesystem::path& root,
              std::function<bool(const std::filesystem::path&)> skip,
              std::function<void(const std::string&)> say);
  ~InotifyTree();
  InotifyTree(const InotifyTree&) = delete;
  InotifyTree& operator=(const InotifyTree&) = delete;

  int fd() const { return fd_; }  // readable when events wait; for poll(2)
  // Reads every event waiting (without blocking) into `changes`; false when none was there.
  bool read(FolderChanges& changes);

 private:
  void watch_tree(const std::filesystem::path& dir);
  void unwatch_tree(const std::filesystem::path& dir);
  void handle(int wd, unsigned mask, const char* name, FolderChanges& changes);

  int fd_ = -1;
  std::filesystem::path root_;
  std::function<bool(const std::filesystem::path&)> skip_;
  std::function<void(const std::string&)> say_;
  std::map<int, std::filesystem::path> folders_;  // watch descriptor -> folder
};

}  // namespace tracuu::indexer
