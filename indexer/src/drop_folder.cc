// The drop folder (drop_folder.h): a scan at start, then inotify events gathered until the folder
// settles, each batch planned (drop_plan.h) and written (drop_batch.h).
#include "tracuu/indexer/drop_folder.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "drop_batch.h"
#include "drop_plan.h"
#include "inotify_tree.h"
#include "watch_state.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

fs::path folder_of(const std::string& dir) {
  std::error_code ec;
  fs::path root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root, ec))
    throw IndexError(IndexErrorKind::kNotFound, "cannot watch " + dir + ": not a folder",
                     ec.message());
  return root;
}

}  // namespace

struct DropFolder::Impl {
  fs::path root;
  fs::path db;
  DropFolderOptions options;
  WatchState state;
  DropPlanner planner;
  InotifyTree tree;  // last: watching starts once the rest is ready

  Impl(const std::string& dir, const std::string& db_path, DropFolderOptions opts)
      : root(folder_of(dir)),
        db(fs::weakly_canonical(fs::absolute(db_path))),
        options(std::move(opts)),
        state(db, root),
        planner(root, db, [this](const std::string& line) { say(line); }),
        tree(
            root, [this](const fs::path& p) { return planner.skip(p); },
            [this](const std::string& line) { say(line); }) {}

  void say(const std::string& line) const {
    if (options.log) options.log(line);
  }
  bool write(const DropPlan& plan, int stop_fd) {
    DropBatch batch(root, db.string(), options.index, options.delete_missing, options.log, state);
    return batch.apply(plan, stop_fd);
  }
  bool start(int stop_fd);
  bool gather(FolderChanges& changes, int stop_fd);
  void follow(int stop_fd);
};

// What changed while no watcher ran: new and changed files indexed, files gone forgotten (and
// their documents deleted with --delete-missing); unchanged files are not read.
bool DropFolder::Impl::start(int stop_fd) {
  state.claim();
  state.load();
  say("watching " + root.string() + " (" + std::to_string(state.files().size()) +
      " files known from " + state.path().filename().string() + ")");
  FolderChanges everything;
  everything.everything = true;
  DropPlan plan = planner.plan(everything, state);
  say("start: " + std::to_string(plan.unchanged) + " files unchanged (not read), " +
      std::to_string(plan.to_index.size()) + " new or changed, " +
      std::to_string(plan.gone.size()) + " gone");
  return write(plan, stop_fd);
}

// Events until none came for the settle time (or 20 settle times since the first), so a copy
// of 100 files is one batch. False when asked to stop meanwhile.
bool DropFolder::Impl::gather(FolderChanges& changes, int stop_fd) {
  tree.read(changes);
  const auto settle = options.settle;
  const auto cap = Clock::now() + settle * 20;
  auto quiet_at = Clock::now() + settle;
  for (;;) {
    auto until = std::min(quiet_at, cap);
    auto now = Clock::now();
    if (now >= until) return true;
    auto wait = std::chrono::ceil<std::chrono::milliseconds>(until - now);
    pollfd fds[2] = {{tree.fd(), POLLIN, 0}, {stop_fd, POLLIN, 0}};
    if (::poll(fds, 2, static_cast<int>(wait.count())) < 0 && errno != EINTR)
      throw IndexError(IndexErrorKind::kOther, "poll failed", std::strerror(errno));
    if (fds[1].revents & POLLIN) return false;
    if ((fds[0].revents & POLLIN) && tree.read(changes)) quiet_at = Clock::now() + settle;
  }
}

void DropFolder::Impl::follow(int stop_fd) {
  for (;;) {
    pollfd fds[2] = {{tree.fd(), POLLIN, 0}, {stop_fd, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      throw IndexError(IndexErrorKind::kOther, "poll failed", std::strerror(errno));
    }
    if (fds[1].revents & POLLIN) return;
    FolderChanges changes;
    if (!gather(changes, stop_fd)) return;
    if (changes.empty()) continue;
    if (!write(planner.plan(changes, state), stop_fd)) return;
  }
}

DropFolder::DropFolder(const std::string& dir, const std::string& db_path,
                       DropFolderOptions options)
    : impl_(std::make_unique<Impl>(dir, db_path, std::move(options))) {}

DropFolder::~DropFolder() = default;

void DropFolder::run(int stop_fd) {
  if (impl_->start(stop_fd)) impl_->follow(stop_fd);
  impl_->say("stopped; the state of every committed batch is saved");
}

}  // namespace tracuu::indexer
