#include "pipeline.h"

#include <algorithm>
#include <thread>

#include "errors.h"
#include "schema.h"
#include "shards.h"

namespace tracuu::indexer::pipeline {

bool Window::push(corpus::RawDocument&& raw) {
  const std::size_t bytes = raw.content.size();
  std::unique_lock lock(mutex_);
  room_cv_.wait(lock, [&] { return stopped_ || has_room(bytes); });
  if (stopped_) return false;
  Slot& slot = slots_.emplace_back();
  slot.raw = std::move(raw);
  slot.bytes = bytes;
  held_ += bytes;
  ++read_;
  lock.unlock();
  work_cv_.notify_one();
  return true;
}

void Window::wait_for_room(std::size_t bytes) {
  std::unique_lock lock(mutex_);
  room_cv_.wait(lock, [&] { return stopped_ || held_ == 0 || held_ + bytes <= budget_; });
}

void Window::close() {
  {
    std::lock_guard lock(mutex_);
    input_done_ = true;
  }
  work_cv_.notify_all();
  ready_cv_.notify_all();
}

Slot* Window::take() {
  std::unique_lock lock(mutex_);
  work_cv_.wait(lock, [&] { return stopped_ || next_ < read_ || input_done_; });
  if (stopped_ || next_ >= read_) return nullptr;
  return &slots_[next_++ - base_];
}

void Window::built(Slot& slot) {
  {
    std::lock_guard lock(mutex_);
    slot.ready = true;
  }
  ready_cv_.notify_all();
}

Slot* Window::ready(std::size_t i) {
  std::unique_lock lock(mutex_);
  ready_cv_.wait(lock,
                 [&] { return stopped_ || (i < read_ ? slots_[i - base_].ready : input_done_); });
  if (stopped_ || i >= read_) return nullptr;
  return &slots_[i - base_];
}

void Window::pass(std::size_t writer, std::size_t i) {
  {
    std::lock_guard lock(mutex_);
    passed_[writer] = i + 1;
    for (std::size_t done = slowest(); base_ < done; ++base_) {
      held_ -= slots_.front().bytes;
      slots_.pop_front();
    }
  }
  room_cv_.notify_all();
}

void Window::stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
  }
  work_cv_.notify_all();
  ready_cv_.notify_all();
  room_cv_.notify_all();
}

bool Window::stopped() const {
  std::lock_guard lock(mutex_);
  return stopped_;
}

std::size_t Window::bytes_held() const {
  std::lock_guard lock(mutex_);
  return held_;
}

std::size_t Window::slowest() const { return *std::min_element(passed_.begin(), passed_.end()); }

// A document too large for the budget waits for an empty window, then enters alone.
bool Window::has_room(std::size_t bytes) const {
  return read_ < slowest() + ahead_ && (held_ == 0 || held_ + bytes <= budget_);
}

namespace {

struct Stopped {};  // unwinds the corpus reader when the pipeline stops; not a std::exception

}  // namespace

void read_into(const std::vector<std::string>& paths, Window& window, ErrorReport& errors) {
  try {
    for (const auto& path : paths) {
      corpus::read_path(
          path,
          [&](corpus::RawDocument&& raw) {
            const std::size_t bytes = raw.content.size();
            if (!window.push(std::move(raw))) throw Stopped{};
            window.wait_for_room(bytes);
          },
          [&](const corpus::ReadError& e) {
            errors.report(e.origin, e.document_kept ? e.reason + " (document kept)" : e.reason,
                          !e.document_kept);
          });
    }
  } catch (const Stopped&) {
  }
  window.close();
}

namespace {

// The original is complete under its name before its record can be in a batch, and the writer
// syncs the store before committing it (docs/originals.md). Stored before extraction, which may
// consume the raw bytes; the file of a document that then fails is an orphan the run's sweep
// collects.
std::optional<std::string> store_original(const corpus::RawDocument& raw,
                                          OriginalsStore* originals) {
  if (!originals || !raw.original) return std::nullopt;
  return originals->put(raw.original->bytes.empty() ? raw.content : raw.original->bytes);
}

}  // namespace

void build(Slot& slot, const corpus::Extractor& extractor, std::size_t n_shards,
           OriginalsStore* originals, const CorrectionStore* corrections) {
  try {
    std::optional<std::string> sha256 = store_original(slot.raw, originals);
    corpus::Document doc = extractor.extract(slot.raw);
    slot.raw.content = std::string();  // the document holds the text now: not twice at once
    slot.raw.original.reset();
    if (doc.original) doc.original->sha256 = std::move(sha256);
    if (corrections)
      if (auto c = corrections->find(doc.id)) apply(*c, doc);
    slot.id = doc.id;
    slot.xdoc = schema::build_document(std::move(doc));
    slot.spellings = spelling_terms(slot.xdoc);
    slot.shard = shards::shard_of(slot.id, n_shards);
  } catch (const IndexError&) {
    throw;  // the store's fault, not the document's
  } catch (const std::exception& e) {
    slot.error = e.what();
  }
  slot.raw.content = std::string();
  slot.raw.original.reset();
  slot.raw.fields = nlohmann::json();
}

Progress::Progress(IndexStats& stats, const IndexOptions& options, std::size_t bytes_total)
    : stats_(stats), options_(options), bytes_total_(bytes_total) {}

// 0 when the size cannot be known up front (stdin); never below what is done.
std::size_t Progress::known_total(std::size_t done) const {
  return bytes_total_ ? std::max(bytes_total_, done) : 0;
}

void Progress::committed(IndexStats& batch, std::size_t bytes) {
  std::lock_guard lock(mutex_);
  stats_.added += batch.added;
  stats_.updated += batch.updated;
  batch = {};
  bytes_done_ += bytes;
  stats_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (options_.progress) options_.progress(stats_, bytes_done_, known_total(bytes_done_));
}

void Progress::lost(std::size_t documents) {
  std::lock_guard lock(mutex_);
  stats_.failed += documents;
}

void Progress::skipped() {
  std::lock_guard lock(mutex_);
  ++stats_.skipped;
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  stats_.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  if (options_.progress)
    options_.progress(stats_, known_total(bytes_done_), known_total(bytes_done_));
}

void push_into(std::vector<corpus::RawDocument>& docs, Window& window) {
  for (auto& raw : docs)
    if (!window.push(std::move(raw))) break;
  window.close();
}

void write_shard(Shard& shard, std::size_t me, std::size_t batch, Window& window,
                 ErrorReport& errors, Progress& progress, OriginalsStore* originals,
                 const OnWritten& on_written) {
  IndexStats mine;
  std::size_t in_batch = 0, bytes = 0, batches = 0;
  auto commit = [&](bool last) {
    // Spelling data every kSpellingEvery batches and at the end (see Shard::commit).
    constexpr std::size_t kSpellingEvery = 16;
    if (originals) originals->sync();  // every file the batch names is on disk before it commits
    shard.commit(last || ++batches % kSpellingEvery == 0);
    progress.committed(mine, bytes);
    in_batch = bytes = 0;
  };
  for (std::size_t i = 0;; ++i) {
    Slot* slot = window.ready(i);
    if (slot == nullptr) break;
    if (!slot->error.empty()) {
      if (me == 0) errors.report(slot->raw.origin, slot->error, true);
    } else if (slot->shard == kElsewhere) {
      if (me == 0) progress.skipped();
    } else if (slot->shard == me) {
      const std::size_t updated = mine.updated;
      shard.add(slot->id, slot->xdoc, slot->spellings, mine);
      if (on_written) on_written(i, slot->id, mine.updated > updated);
      slot->xdoc = Xapian::Document();  // the slot itself may wait for the other writers
      slot->spellings = {};
      bytes += slot->bytes;
      if (++in_batch == batch || bytes >= kBatchBytes) commit(false);
    }
    window.pass(me, i);
  }
  if (!window.stopped()) commit(true);
}

void Failure::run(const std::string& context, const std::function<void()>& f) noexcept {
  std::exception_ptr error;
  try {
    f();
    return;
  } catch (const Xapian::Error& e) {
    error = std::make_exception_ptr(translate(e, context));
  } catch (...) {
    error = std::current_exception();
  }
  {
    std::lock_guard lock(mutex_);
    if (!first_) first_ = error;
  }
  window_.stop();
}

Failure::operator bool() const {
  std::lock_guard lock(mutex_);
  return first_ != nullptr;
}

void Failure::rethrow() const {
  std::lock_guard lock(mutex_);
  std::rethrow_exception(first_);
}

void run(const Source& source, std::vector<Shard>& shards, const IndexOptions& options,
         Progress& progress, OriginalsStore* originals, const OnWritten& on_written,
         const CorrectionStore* corrections) {
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t batch = std::max<std::size_t>(1, options.batch_size);
  const std::size_t n = shards.size();
  const auto& extractor = corpus::Extractor::shared();
  ErrorReport errors(options);
  Window window(n, 2 * batch * n + threads, kWindowBytes);
  Failure failure(window);
  std::vector<std::thread> all;
  all.emplace_back([&] { failure.run("reading", [&] { source(window, errors); }); });
  for (unsigned t = 0; t < threads; ++t)
    all.emplace_back([&] {
      failure.run("extracting", [&] {
        while (Slot* slot = window.take()) {
          build(*slot, extractor, n, originals, corrections);
          if (options.part_count > 0 && slot->error.empty() &&
              shards::shard_of(slot->id, options.part_count) != options.part_index)
            slot->shard = kElsewhere;
          window.built(*slot);
        }
      });
    });
  for (std::size_t s = 0; s < n; ++s)
    all.emplace_back([&, s] {
      failure.run("writing " + shards[s].path, [&] {
        write_shard(shards[s], s, batch, window, errors, progress, originals, on_written);
      });
    });
  for (auto& th : all) th.join();
  progress.lost(errors.documents_lost());
  errors.summarize();
  if (!failure) return;
  for (auto& shard : shards) shard.abandon_batch();
  failure.rethrow();
}

}  // namespace tracuu::indexer::pipeline
