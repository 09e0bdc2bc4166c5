// What an indexing run is asked to do (IndexOptions) and what it did (IndexStats). Apart from
// index_writer.h so that the writer's pieces (pipeline, shards, error report) need not include
// the writer they are part of.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace tracuu::indexer {

struct IndexStats {
  std::size_t added = 0;
  std::size_t updated = 0;
  std::size_t deleted = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;  // read, but routed to another host's shard (--shard K/N)
  double seconds = 0;
};

struct IndexOptions {
  bool rebuild = false;          // start from an empty database
  std::size_t batch_size = 500;  // documents per commit (sooner once a batch holds 32 MB of text)
  unsigned threads = 0;          // 0 = all cores
  // Shards of a new index (one writer thread each); 0 = one per core. An existing index keeps
  // the shards it has (see docs/schema.md, "Shards").
  unsigned shards = 0;
  // --shard K/N: this host writes shard K of an archive of N shards served by xapian-tcpsrv, a
  // one-shard index holding only the documents whose id hashes to K (the same routing as N local
  // shards); the others are skipped and counted. part_count 0: every document.
  std::size_t part_index = 0, part_count = 0;
  // Keep each file's original in DB/originals (served at /files/{id}); false is --no-originals,
  // for archives that must not hold copies: records still say what the file was, without sha256.
  bool keep_originals = true;
  // Called after each batch and per-file error; the CLI draws its progress bar from it.
  std::function<void(const IndexStats&, std::size_t bytes_done, std::size_t bytes_total)> progress;
  std::function<void(const std::string& origin, const std::string& reason)> on_error;
  // on_error is called for the first `errors_per_file` problems of each input file; the rest are
  // counted and, once the input is read, on_more_errors(file, how_many) sums them up.
  std::size_t errors_per_file = 20;
  std::function<void(const std::string& file, std::size_t more)> on_more_errors;
};

}  // namespace tracuu::indexer
