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
#include "tracuu/indexer/correction_store.h"
#include "tracuu/indexer/index_options.h"
#include "tracuu/indexer/originals_store.h"

namespace tracuu::indexer::pipeline {

// The text the window holds at most (see Window). Building a document takes a few times its
// text at its peak, so this bounds the pipeline's memory whatever the documents' sizes; a corpus
// of ordinary documents (a few KB each) is held back by the count of documents instead.
inline constexpr std::size_t kWindowBytes = 64 * 1024 * 1024;

// The text a shard's batch holds at most: it commits once a batch reaches this much, even short of
// --batch documents, so that Xapian's pending changes, which grow with the text, stay bounded
// when the documents are large. Batches of ordinary documents (a few KB each) end by their count.
inline constexpr std::size_t kBatchBytes = 32 * 1024 * 1024;

// Slot::shard of a document another host's shard holds (IndexOptions::part_count).
inline constexpr std::size_t kElsewhere = static_cast<std::size_t>(-1);

// One input document on its way: read, then built by a worker, then written by its shard's
// writer.
struct Slot {
  corpus::RawDocument raw;
  std::string id;
  Xapian::Document xdoc;
  std::vector<std::string> spellings;
  std::string error;  // why the document could not be extracted; it is then not written
  std::size_t shard = 0;
  std::size_t bytes = 0;  // of text, counted against the window's budget until it leaves
  bool ready = false;
};

// The input streams through a window of slots: the reader stays at most `ahead` documents ahead
// of the slowest writer, and the documents in the window hold at most `budget` bytes of text
// between them (a larger one enters alone, into an empty window), so memory is bounded whatever
// the input and its documents' sizes, and reading, extraction and the database work overlap. Each
// writer goes through every slot in input order and takes its own shard's documents, so the last of
// two versions of one id wins. A deque keeps references to its elements valid while the reader
// appends and the writers drop the front. Thread-safe; every wait ends when stop() is called.
class Window {
 public:
  Window(std::size_t writers, std::size_t ahead, std::size_t budget)
      : passed_(writers, 0), ahead_(ahead), budget_(budget) {}

  bool push(corpus::RawDocument&& raw);  // the reader; false once stopped
  // The reader, before it reads on: waits until a document of `bytes` would fit. Reading and
  // parsing a document takes a few times its text, outside the window, so after a large
  // document the next one is read only once one of that size would have room.
  void wait_for_room(std::size_t bytes);
  void close();                // the reader: nothing more to come
  Slot* take();                // a worker: the next slot to build; null at the end
  void built(Slot& slot);      // a worker: the slot is ready for its writer
  Slot* ready(std::size_t i);  // a writer: slot i once built; null at the end
  void pass(std::size_t writer, std::size_t i);  // a writer is done with slot i
  void stop();                                   // after an error: every stage ends
  bool stopped() const;
  std::size_t bytes_held() const;  // text of the documents in the window

 private:
  std::size_t slowest() const;
  bool has_room(std::size_t bytes) const;

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
  std::size_t budget_;
  std::size_t held_ = 0;  // bytes of text of the slots in the window
};

// Stage 1: reads `paths` into the window; bad input goes to `errors`.
void read_into(const std::vector<std::string>& paths, Window& window, ErrorReport& errors);

// Stage 2: extracts and builds the Xapian document of `slot.raw` for one of `n_shards` shards,
// with its original put in `originals` first (none under --no-originals), then drops the raw
// text. People's corrections of its metadata (`corrections`, when given) are applied over what
// extraction found. A document that cannot be extracted keeps the reason in slot.error; only a
// fault of the store (IndexError: disk full...) is thrown, and stops the run as a shard's would.
void build(Slot& slot, const corpus::Extractor& extractor, std::size_t n_shards,
           OriginalsStore* originals = nullptr, const CorrectionStore* corrections = nullptr);

// The totals of committed documents and the progress callback. Thread-safe.
class Progress {
 public:
  Progress(IndexStats& stats, const IndexOptions& options, std::size_t bytes_total);
  // A shard committed `batch` (then cleared) holding `bytes` of text.
  void committed(IndexStats& batch, std::size_t bytes);
  void lost(std::size_t documents);  // bad input: documents that could not be indexed
  void skipped();                    // a document of another host's shard
  void finish();  // the bar ends full: byte counts are of text, the total also counts markup

 private:
  std::size_t known_total(std::size_t done) const;
  std::mutex mutex_;
  IndexStats& stats_;
  const IndexOptions& options_;
  std::size_t bytes_total_, bytes_done_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// Stage 3: the writer of shard `me`: its documents in input order, a commit every `batch`
// documents or kBatchBytes of text, whichever comes first.
// Failed documents are reported once, by writer 0. Leaves the unfinished batch open when stopped.
// The originals its documents name are made durable before each commit (`originals`: none kept).
// `on_written` (optional, called on the shard's thread) hears of each document written.
using OnWritten = std::function<void(std::size_t input, const std::string& id, bool replaced)>;
void write_shard(Shard& shard, std::size_t me, std::size_t batch, Window& window,
                 ErrorReport& errors, Progress& progress, OriginalsStore* originals = nullptr,
                 const OnWritten& on_written = nullptr);

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

// Stage 1 for documents already read (the write API): pushes them into the window.
void push_into(std::vector<corpus::RawDocument>& docs, Window& window);

// What stage 1 is: read_into over paths, or push_into.
using Source = std::function<void(Window&, ErrorReport&)>;

// The three stages on threads: one reader, `options.threads` builders, one writer per shard.
// Throws the first error of any of them (IndexError for the database) once all have ended, the
// shards' unfinished batches dropped: what was committed before stays, nothing half-written.
// Originals go to `originals` (null: none kept); `corrections` are applied to every document built.
void run(const Source& source, std::vector<Shard>& shards, const IndexOptions& options,
         Progress& progress, OriginalsStore* originals, const OnWritten& on_written = nullptr,
         const CorrectionStore* corrections = nullptr);

}  // namespace tracuu::indexer::pipeline
