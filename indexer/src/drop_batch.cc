// Writing a drop folder's batch (drop_batch.h).
#include "drop_batch.h"

#include <poll.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "error_report.h"
#include "tracuu/corpus/reader.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;
namespace {

// Whether `fd` becomes readable within `ms` milliseconds.
bool readable_within(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, ms) > 0 && (p.revents & POLLIN);
}

// The plan's files in chunks of at most kChunkFiles files and kChunkBytes bytes (one larger file
// alone).
std::vector<std::vector<const DropCandidate*>> chunks_of(const DropPlan& plan) {
  std::vector<std::vector<const DropCandidate*>> chunks;
  std::uintmax_t bytes = 0;
  for (const auto& [rel, file] : plan.to_index) {
    if (chunks.empty() || chunks.back().size() >= kChunkFiles ||
        (bytes + file.stamp.size > kChunkBytes && !chunks.back().empty())) {
      chunks.emplace_back();
      bytes = 0;
    }
    chunks.back().push_back(&file);
    bytes += file.stamp.size;
  }
  return chunks;
}

}  // namespace

DropBatch::DropBatch(fs::path root, std::string db, const IndexOptions& options,
                     bool delete_missing, std::function<void(const std::string&)> say,
                     WatchState& state)
    : root_(std::move(root)),
      db_(std::move(db)),
      options_(options),
      delete_missing_(delete_missing),
      say_(std::move(say)),
      state_(state) {}

void DropBatch::say(const std::string& line) const {
  if (say_) say_(line);
}

// The lock is taken per chunk and waited for as long as another writer holds it: a drop folder
// is never in a hurry, and an event is never dropped for a busy index.
std::unique_ptr<IndexWriter> DropBatch::open_writer(int stop_fd) {
  IndexOptions options = options_;
  options.rebuild = false;
  options.on_more_errors = nullptr;
  options.progress = nullptr;
  options.on_error = [this](const std::string& origin, const std::string& reason) {
    std::lock_guard lock(errors_mutex_);
    extraction_errors_.try_emplace(ErrorReport::file_of(origin), reason);
  };
  bool said = false;
  for (;;) {
    try {
      return std::make_unique<IndexWriter>(db_, options);
    } catch (const IndexError& e) {
      if (e.kind != IndexErrorKind::kLocked) throw;
    }
    if (!said) say("waiting: another writer holds the index (tracuu index, serve --writes)");
    said = true;
    if (readable_within(stop_fd, 200)) return nullptr;
  }
}

// The state is saved once the batch is written, and every kSaveEvery during a long one (the
// first scan of a large folder): rewriting it after every chunk would cost time quadratic in the
// folder's size, and a kill -9 costs at most kSaveEvery of work done again.
bool DropBatch::apply(DropPlan plan, int stop_fd) {
  const auto started = std::chrono::steady_clock::now();
  const bool any = !plan.empty();
  tally_ = {};
  if (!move_renamed(plan, stop_fd)) return false;
  if (const std::size_t n = plan.to_index.size(); n > 0)
    say("indexing " + std::to_string(n) + (n == 1 ? " file" : " files"));
  auto saved = started;
  for (const auto& chunk : chunks_of(plan)) {
    auto writer = open_writer(stop_fd);
    if (!writer) return false;
    index_chunk(chunk, *writer);
    writer.reset();  // commits, sweeps replaced originals, releases the lock
    if (std::chrono::steady_clock::now() - saved >= kSaveEvery) {
      state_.save();
      saved = std::chrono::steady_clock::now();
    }
  }
  if (!forget(plan, stop_fd)) return false;
  if (!any) return true;
  state_.save();
  char line[160];
  std::snprintf(
      line, sizeof line,
      "batch: %zu added, %zu replaced, %zu moved, %zu deleted, %zu failed, %zu unchanged, "
      "%.1f s",
      tally_.added, tally_.replaced, tally_.moved, tally_.deleted, tally_.failed, plan.rehashed,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  say(line);
  return true;
}

// A file moved within the folder is a path gone and a new one with the same bytes: its document
// (ids are made from the text, so the same one) takes the new path and file name without the
// file being read again; a scan is not recognized twice. Files of several documents (JSON lines)
// and failed ones are indexed again instead.
bool DropBatch::move_renamed(DropPlan& plan, int stop_fd) {
  std::map<std::string, std::string> gone_by_sha256;
  for (const auto& rel : plan.gone)
    if (auto it = state_.files().find(rel);
        it != state_.files().end() && it->second.failed.empty() && it->second.ids.size() == 1)
      gone_by_sha256.try_emplace(it->second.sha256, rel);
  std::vector<std::pair<std::string, std::string>> moves;  // from, to
  for (const auto& [rel, file] : plan.to_index) {
    auto from = gone_by_sha256.find(file.sha256);
    if (from == gone_by_sha256.end() || state_.files().contains(rel)) continue;
    moves.emplace_back(from->second, rel);
    gone_by_sha256.erase(from);
  }
  if (moves.empty()) return true;
  auto writer = open_writer(stop_fd);
  if (!writer) return false;
  for (const auto& [from, to] : moves) {
    if (!retarget(from, to, *writer)) continue;
    WatchedFile entry = std::move(state_.files()[from]);
    state_.files().erase(from);
    entry.size = plan.to_index[to].stamp.size;
    entry.mtime_ns = plan.to_index[to].stamp.mtime_ns;
    say("moved " + from + " -> " + to + " (" + entry.ids[0] + " kept, not read again)");
    state_.files()[to] = std::move(entry);
    plan.to_index.erase(to);
    plan.gone.erase(from);
    ++tally_.moved;
  }
  writer->commit();
  return true;
}

bool DropBatch::retarget(const std::string& from, const std::string& to, IndexWriter& writer) {
  auto doc = writer.document(state_.files()[from].ids[0]);
  if (!doc || doc->origin != (root_ / from).string()) return false;
  doc->origin = (root_ / to).string();
  if (doc->original) {  // named as the reader names it: the file's name, ".gz" dropped
    std::string name = fs::path(to).filename().string();
    if (name.size() > 3 && name.ends_with(".gz")) name.resize(name.size() - 3);
    doc->original->name = name;
  }
  writer.upsert(*doc);
  return true;
}

// Read here (each document remembers which file it came from), extracted and written by the
// writer's pipeline, committed when index_documents returns.
void DropBatch::index_chunk(const std::vector<const DropCandidate*>& chunk, IndexWriter& writer) {
  extraction_errors_.clear();
  std::vector<corpus::RawDocument> raws;
  std::vector<std::size_t> owner;  // per document: its file in `chunk`
  std::vector<std::string> read_error(chunk.size());
  for (std::size_t k = 0; k < chunk.size(); ++k) {
    if (!chunk[k]->unreadable.empty()) {
      read_error[k] = chunk[k]->unreadable;
      continue;
    }
    corpus::read_path((root_ / chunk[k]->rel).string(),
                      [&](corpus::RawDocument&& raw) {
                        raws.push_back(std::move(raw));
                        owner.push_back(k);
                      },
                      [&](const corpus::ReadError& e) {
                        if (!e.document_kept && read_error[k].empty()) read_error[k] = e.reason;
                      });
  }
  std::vector<IndexWriter::Written> written;
  if (!raws.empty()) written = writer.index_documents(std::move(raws));
  std::vector<std::vector<IndexWriter::Written>> per_file(chunk.size());
  for (std::size_t j = 0; j < written.size(); ++j)
    if (!written[j].id.empty()) per_file[owner[j]].push_back(written[j]);
  std::set<std::string> stale;
  for (std::size_t k = 0; k < chunk.size(); ++k) {
    std::string failure = read_error[k];
    if (auto e = extraction_errors_.find((root_ / chunk[k]->rel).string());
        failure.empty() && e != extraction_errors_.end())
      failure = e->second;
    if (failure.empty()) failure = "no document in it";
    record(*chunk[k], per_file[k], failure, stale);
  }
  remove_stale(stale, writer);
}

// A file that cannot be indexed is remembered with its stamp, so it is not tried again until it
// changes; its earlier version, if any, stays searchable meanwhile.
void DropBatch::record(const DropCandidate& file, const std::vector<IndexWriter::Written>& written,
                       const std::string& failure, std::set<std::string>& stale) {
  const bool known = state_.files().contains(file.rel);
  WatchedFile& entry = state_.files()[file.rel];
  entry.size = file.stamp.size;
  entry.mtime_ns = file.stamp.mtime_ns;
  entry.sha256 = file.sha256;
  if (written.empty()) {
    entry.failed = failure;
    ++tally_.failed;
    say("failed " + file.rel + ": " + failure +
        (entry.ids.empty() ? "" : " (its earlier version stays in the index)"));
    return;
  }
  std::vector<std::string> old = std::exchange(entry.ids, {});
  entry.failed.clear();
  for (const auto& w : written) {
    entry.ids.push_back(w.id);
    std::string was =
        old.size() == 1 && written.size() == 1 && old[0] != w.id ? " (was " + old[0] + ")" : "";
    if (known || w.replaced) {
      ++tally_.replaced;
      say("replaced " + file.rel + " -> " + w.id + was);
    } else {
      ++tally_.added;
      say("added " + file.rel + " -> " + w.id);
    }
  }
  for (const auto& id : old)
    if (std::find(entry.ids.begin(), entry.ids.end(), id) == entry.ids.end()) stale.insert(id);
}

// A changed file's earlier version (its id is made from its text) goes, unless another file of
// the folder still holds that text.
void DropBatch::remove_stale(const std::set<std::string>& stale, IndexWriter& writer) {
  if (stale.empty()) return;
  const std::set<std::string> held = state_.held_ids();
  bool removed = false;
  for (const auto& id : stale)
    if (!held.contains(id)) removed = writer.remove(id) || removed;
  if (!removed) return;
  writer.resolve_short_names();  // commits
}

// Files gone: their state goes; their documents too with --delete-missing, unless another file
// holds the same text (a move within the folder keeps its document and id).
bool DropBatch::forget(const DropPlan& plan, int stop_fd) {
  std::vector<std::pair<std::string, std::vector<std::string>>> gone;
  for (const auto& rel : plan.gone) {
    auto it = state_.files().find(rel);
    if (it == state_.files().end()) continue;
    gone.emplace_back(rel, std::move(it->second.ids));
    state_.files().erase(it);
  }
  std::map<std::string, std::string> holder;  // id -> a file holding it
  for (const auto& [rel, file] : state_.files())
    for (const auto& id : file.ids) holder.try_emplace(id, rel);
  std::vector<std::pair<std::string, std::string>> orphans;  // file, id
  for (const auto& [rel, ids] : gone) {
    if (ids.empty()) say("gone " + rel);
    for (const auto& id : ids) {
      if (auto h = holder.find(id); h != holder.end())
        say((plan.to_index.contains(h->second) ? "moved " + rel + " -> " + h->second
                                               : "gone " + rel + ", also in " + h->second) +
            " (" + id + " kept)");
      else if (!delete_missing_)
        say("gone " + rel + ": " + id + " stays in the index (--delete-missing removes it)");
      else
        orphans.emplace_back(rel, id);
    }
  }
  if (orphans.empty()) return true;
  auto writer = open_writer(stop_fd);
  if (!writer) return false;
  for (const auto& [rel, id] : orphans) {
    bool removed = writer->remove(id);
    tally_.deleted += removed ? 1 : 0;
    say("deleted " + rel + " -> " + id + (removed ? "" : " (was no longer in the index)"));
  }
  writer->resolve_short_names();  // a deletion can leave one meaning for a short name
  return true;
}

}  // namespace tracuu::indexer
