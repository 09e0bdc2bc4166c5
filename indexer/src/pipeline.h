// The indexing pipeline behind IndexWriter::index_paths: read -> build -> write. Each stage is a
// function of its own that can run (and be tested) alone; Window is what connects them and
// Failure is how an error in any thread stops them all and reaches the caller.
#pragma once

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "error_report.h"
#include "shard.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/originals_store.h"

namespace tracuu::indexer::pipeline {

// One input document on its way: read, then built by a worker, then written by its shard's
// writer.
struct Slot {
  corpus::RawDocument raw;
  std::string id;
  Xapian::Document xdoc;
  std::vector<std::string> spellings;
  std::string error;  // why the document could not be extracted; it is then not written
  std::size_t shard = 0;
  std::size_t bytes = 0;
  bool ready = false;
};

// The input streams through a window of slots: the reader stays at most `ahead` documents ahead
// of the slowest writer, so memory is bounded whatever the input size, and reading, extraction
// and the database work overlap. Each writer goes through every slot in input order and takes
// its own shard's documents, so the last of two versions of one id wins. A deque keeps
// references to its elements valid while the reader appends and the writers drop the front.
// Thread-safe; every wait ends when stop() is called.
class Window {
 public:
  Window(std::size_t writers, std::size_t ahead) : passed_(writers, 0), ahead_(ahead) {}

  bool push(corpus::RawDocument&& raw);  // the reader; false once stopped
  void close();                          // the reader: nothing more to come
  Slot* take();                          // a worker: the next slot to build; null at the end
  void built(Slot& slot);                // a worker: the slot is ready for its writer
  Slot* ready(std::size_t i);            // a writer: slot i once built; null at the end
  void pass(std::size_t writer, std::size_t i);  // a writer is done with slot i
  void stop();                                   // after an error: every stage ends
  bool stopped() const;

 private:
  std::size_t slowest() const;

  mutable std::mutex mutex_;
  std::condition_variable work_cv_, ready_cv_, room_cv_;
  std::deque<Slot> slots_;
  std::size_t base_ = 0;  // input number of slots_.front()
  std::size_t read_ = 0;  // documents read so far
  std::size_t next_ = 0;  // the next document for a worker
  bool input_done_ = false;
  bool stopped_ = false;
  std::vector<std::size_t> passed_;  // per writer: documents it has gone past
  std::size_t ahead_;
};

// Stage 1: reads `paths` into the window; bad input goes to `errors`.
void read_into(const std::vector<std::string>& paths, Window& window, ErrorReport& errors);

// Stage 2: extracts and builds the Xapian document of `slot.raw` for one of `n_shards` shards,
// with its original put in `originals` first (none under --no-originals), then drops the raw
// text. A document that cannot be extracted keeps the reason in slot.error; only a fault of the
// store (IndexError: disk full...) is thrown, and stops the run as a shard's would.
void build(Slot& slot, const corpus::Extractor& extractor, std::size_t n_shards,
           OriginalsStore* originals = nullptr);

// The totals of committed documents and the progress callback. Thread-safe.
class Progress {
 public:
  Progress(IndexStats& stats, const IndexOptions& options, std::size_t bytes_total);
  // A shard committed `batch` (then cleared) holding `bytes` of text.
  void committed(IndexStats& batch, std::size_t bytes);
  void lost(std::size_t documents);  // bad input: documents that could not be indexed
  void finish();  // the bar ends full: byte counts are of text, the total also counts markup

 private:
  std::size_t known_total(std::size_t done) const;
  std::mutex mutex_;
  IndexStats& stats_;
  const IndexOptions& options_;
  std::size_t bytes_total_, bytes_done_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// Stage 3: the writer of shard `me`: its documents in input order, a commit every `batch`.
// Failed documents are reported once, by writer 0. Leaves the unfinished batch open when stopped.
// The originals its documents name are made durable before each commit (`originals`: none kept).
void write_shard(Shard& shard, std::size_t me, std::size_t batch, Window& window,
                 ErrorReport& errors, Progress& progress, OriginalsStore* originals = nullptr);

// The first exception thrown by any thread of the pipeline; it stops the window.
class Failure {
 public:
  explicit Failure(Window& window) : window_(window) {}
  // Runs f; an exception is kept (a Xapian one translated with `context`) and stops the rest.
  void run(const std::string& context, const std::function<void()>& f) noexcept;
  explicit operator bool() const;
  [[noreturn]] void rethrow() const;

 private:
  Window& window_;
  mutable std::mutex mutex_;
  std::exception_ptr first_;
};

// The three stages on threads: one reader, `options.threads` builders, one writer per shard.
// Throws the first error of any of them (IndexError for the database) once all have ended, the
// shards' unfinished batches dropped: what was committed before stays, nothing half-written.
// Originals go to `originals` (null: none kept).
void run(const std::vector<std::string>& paths, std::vector<Shard>& shards,
         const IndexOptions& options, Progress& progress, OriginalsStore* originals);

}  // namespace tracuu::indexer::pipeline
