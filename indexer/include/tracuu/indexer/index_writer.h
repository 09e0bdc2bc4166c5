// Building the Xapian index: upsert by id, delete, parallel ingestion of paths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracuu/corpus/document.h"
#include "tracuu/corpus/raw_document.h"
#include "tracuu/indexer/correction_store.h"
#include "tracuu/indexer/errors.h"
#include "tracuu/indexer/index_options.h"

namespace tracuu::indexer {

// One writer per index: an index-wide write lock (DIR/tracuu-write.lock) is taken before
// anything in DIR is read or changed, and Xapian's lock on each shard. Every failure of the
// index itself (locked, read-only, disk full, damaged shard...) leaves as IndexError (errors.h).
// A rebuild writes new shards beside the live index and switches to them atomically on commit()
// or at the end of index_paths(); readers never see a half-built index. Not thread-safe: one
// thread uses a writer (index_paths runs its own threads inside).
class IndexWriter {
 public:
  IndexWriter(const std::string& db_path, const IndexOptions& options);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Returns true when a document with the same id was replaced. The document is written as given
  // (stored corrections are the pipeline's: index_paths, index_documents, correct).
  bool upsert(const corpus::Document& doc);
  bool remove(const std::string& id);
  // Commits every shard; the first commit after a rebuild makes the new index the live one.
  // Stored originals no document references any more (after a remove, a replacing upsert or a
  // rebuild) are then deleted (docs/originals.md); index_paths does the same when it ends.
  void commit();

  // Reads, extracts and indexes every document under `paths`, committing in batches, then
  // resolves short names across the archive (below). When a shard fails (a full disk), every
  // thread stops, the unfinished batches are dropped and the IndexError is thrown here: the
  // batches committed before it stay, stats() counts them, and a re-run finishes the job
  // (documents are upserted by id, never duplicated).
  IndexStats index_paths(const std::vector<std::string>& paths);

  // A document index_documents wrote: its id, and whether it replaced one with that id.
  struct Written {
    std::string id;
    bool replaced = false;
  };

  // The same stages as index_paths (extraction, OCR, originals, shard routing, one writer per
  // shard, the short-name resolution, the sweep of replaced originals) for documents already
  // read: the write API's uploads (corpus::read_bytes) and records. Committed when it returns.
  // One entry per input, in order; an empty id is a document that could not be extracted
  // (options.on_error says why). Throws IndexError like index_paths.
  std::vector<Written> index_documents(std::vector<corpus::RawDocument> docs);

  // The id of a document whose kept original is these bytes (a duplicate upload), if any.
  std::optional<std::string> find_original(std::string_view file_bytes);
  bool contains(const std::string& id);
  // The record of document `id` as upsert() stored it (committed or in this writer's batch): the
  // drop folder gives a moved file's document its new path and name without reading it again.
  std::optional<corpus::Document> document(const std::string& id);

  // A person's correction of the document `id` (correction_store.h): merged into the id's stored
  // correction (DIR/tracuu-corrections.json, on disk first), applied to the indexed document and
  // committed, so searches see it at once; every later (re)indexing of the id, `--rebuild`
  // included, applies it again. Returns the id's whole correction; nullopt (and nothing stored)
  // when the index has no such document.
  std::optional<Correction> correct(const std::string& id, const Correction& c);

  // What index_paths has done so far, committed documents only; still right after it threw.
  const IndexStats& stats() const;

  // Documents that cite "Chỉ thị 49" without its full number get the citation of the one
  // number the archive knows for it (49-CT/TW), or lose it when a second one appears. Returns
  // the number of documents changed; commits.
  std::size_t resolve_short_names();

  // Merges every shard into one compact database (Xapian's compaction) that replaces them:
  // smaller and faster to search; later updates then go through a single writer. Readers
  // switch over on their next reopen. Returns the bytes of the new database.
  std::uintmax_t compact();

 private:
  // `only`: just these short names ("CT 49"), those the documents just written can change.
  std::size_t resolve_all(const std::vector<std::string>* only = nullptr);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Builds DIR/lexicon (the synonyms and spellings the query side reads, docs/schema.md "Lexicon")
// from `sources`: index directories (their lexicon, else their shards' tables), shard or lexicon
// databases copied from the shards' hosts. For a front end whose stub names remote shards, where
// no writer runs; under DIR's write lock. Returns the number of spelling words merged.
std::size_t merge_lexicon(const std::string& dir, const std::vector<std::string>& sources);

}  // namespace tracuu::indexer
