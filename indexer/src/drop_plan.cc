// Planning a drop folder's batch (drop_plan.h).
#include "drop_plan.h"

#include <algorithm>

#include "drop_names.h"
#include "sha256.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

DropPlanner::DropPlanner(fs::path root, fs::path db, std::function<void(const std::string&)> say)
    : root_(std::move(root)), db_(std::move(db)), say_(std::move(say)) {}

bool DropPlanner::skip(const fs::path& path) const {
  auto [db_end, _] = std::mismatch(db_.begin(), db_.end(), path.begin(), path.end());
  if (db_end == db_.end()) return true;  // the index (and its state file) inside the folder
  fs::path rel = path.lexically_relative(root_);
  return std::any_of(rel.begin(), rel.end(),
                     [](const fs::path& part) { return ignored_name(part.native()); });
}

std::string DropPlanner::rel_of(const fs::path& path) const {
  return path.lexically_relative(root_).generic_string();
}

void DropPlanner::look_at_file(const fs::path& path, WatchState& state, DropPlan& plan) const {
  const std::string rel = rel_of(path);
  auto known = state.files().find(rel);
  auto stamp = stamp_of(path);
  if (!stamp) {
    if (known != state.files().end()) plan.gone.insert(rel);
    return;
  }
  plan.gone.erase(rel);
  // A file that could not even be read (permissions: chmod does not change the mtime) has no
  // hash and is tried again.
  if (known != state.files().end() && known->second.size == stamp->size &&
      known->second.mtime_ns == stamp->mtime_ns && !known->second.sha256.empty()) {
    ++plan.unchanged;
    return;
  }
  DropCandidate candidate{rel, *stamp, {}, {}};
  try {
    candidate.sha256 = sha256_file(path);
  } catch (const std::exception& e) {
    candidate.unreadable = e.what();
  }
  // Saved again, a file touched or copied over with the same bytes: nothing to index.
  if (known != state.files().end() && candidate.unreadable.empty() &&
      known->second.sha256 == candidate.sha256) {
    known->second.size = stamp->size;
    known->second.mtime_ns = stamp->mtime_ns;
    ++plan.rehashed;
    say_("skipped (unchanged) " + rel);
    return;
  }
  plan.to_index[rel] = std::move(candidate);
}

// Every file under `dir`, and every file the state knows there that is gone (the folder may have
// been deleted or moved away whole: its files send no events of their own).
void DropPlanner::look_at_folder(const fs::path& dir, WatchState& state, DropPlan& plan) const {
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(dir, ec))) {
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (skip(it->path())) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && !it->is_symlink(ec)) look_at_file(it->path(), state, plan);
    }
  }
  const std::string prefix = dir == root_ ? "" : rel_of(dir) + "/";
  for (const auto& [rel, file] : state.files())
    if (rel.starts_with(prefix) && !plan.to_index.contains(rel) && !stamp_of(root_ / rel))
      plan.gone.insert(rel);
}

DropPlan DropPlanner::plan(const FolderChanges& changes, WatchState& state) const {
  DropPlan plan;
  if (changes.everything) {
    look_at_folder(root_, state, plan);
    return plan;
  }
  for (const auto& dir : changes.folders) look_at_folder(dir, state, plan);
  for (const auto& file : changes.files) look_at_file(file, state, plan);
  return plan;
}

}  // namespace tracuu::indexer
