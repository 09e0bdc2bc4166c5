// One glass shard of the index being written, and what its writer has pending.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "lexicon.h"
#include "tracuu/indexer/index_options.h"

namespace tracuu::indexer {

// Unprefixed terms (normalized syllables) feed Xapian's spelling dictionary ("did you mean")
// and the fold -> accented-form synonyms used to restore accents. Collected by the thread that
// built the document, so the writer threads only count them.
std::vector<std::string> spelling_terms(const Xapian::Document& xdoc);

// Used by one thread at a time. Each batch is a Xapian transaction: it is on disk whole after
// commit() or not at all, so a writer that fails (full disk) or is stopped drops its unfinished
// batch instead of half of it reaching the disk when the database is closed.
struct Shard {
  std::string path;
  Xapian::WritableDatabase db;
  // Counted in memory and written once per batch: far fewer calls into the database than one
  // per document term.
  std::unordered_map<std::string, Xapian::termcount> pending_spellings;
  std::unordered_set<std::string> accent_pairs;  // already written in this session
  std::vector<const std::string*> new_terms;     // keys added to pending_spellings since commit
  bool in_batch = false;                         // a transaction is open
  std::size_t writers = 1;                       // shards committing to the same disk at once
  std::uintmax_t largest_growth = 0;             // the most one batch has added to the files
  std::uintmax_t bytes_committed = 0;            // the files' size after the last commit
  lexicon::Writer* lexicon = nullptr;            // gets this shard's synonyms and spellings

  // Opens (or, with `fresh`, creates empty and stamped with the schema version) the glass
  // database at `path`; IndexError kSchema when an existing one has another schema.
  Shard(std::string path, bool fresh);

  void begin_batch();
  void add(const std::string& id, const Xapian::Document& xdoc,
           const std::vector<std::string>& spellings, IndexStats& stats);

  // Synonyms (folded -> accented form) go out with every batch: accentless queries need them
  // to find the batch's documents. Spelling counts may wait (`with_spelling` false): Xapian
  // rewrites the spelling table's fragment lists on each commit that touches them, and "did you
  // mean" can lag a few batches behind.
  void commit(bool with_spelling = true);

  // Xapian 1.4 cannot always roll back a commit that fails on a full disk: its rollback writes
  // too, and when that fails as well it aborts the process (std::terminate inside libxapian).
  // So a commit is refused beforehand, as IndexError kDiskFull, when the disk has less room than
  // commits may take: 4 times the most one commit of this shard added, at least 1 MB, for
  // each of the `writers` committing at once.
  void ensure_room() const;

  // Drops the unfinished batch (after an error elsewhere); never throws.
  void abandon_batch() noexcept;
};

}  // namespace tracuu::indexer
