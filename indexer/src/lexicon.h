// The lexicon: the archive's lexical tables (every accented form of a folded syllable, the
// spelling dictionary) in a small local Xapian database of their own, DIR/lexicon, beside the
// stub. Xapian 1.4's remote backend serves neither table, so the query side reads them here
// whether the shards are local or remote (docs/schema.md, "Lexicon"). The shards of an index
// with a lexicon hold no such tables (one spelling table instead of one per shard); shards
// written before the lexicon keep theirs, and a first write merges them into one.
#pragma once

#include <xapian.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace tracuu::indexer::lexicon {

// DIR/lexicon: a symbolic link to the current generation (`lexicon-g<N>`), so a merge switches
// readers over at once, whole.
inline constexpr const char* kName = "lexicon";

// The current lexicon database of the index at `dir`, none when it has none (an index written
// before the lexicon, or a front end nobody merged one for).
std::optional<std::string> current(const std::string& dir);

// Builds a new generation of `dir`'s lexicon from the synonym and spelling tables of `sources`
// (shards, indexes or lexicons: any Xapian database; spelling counts add up, synonyms unite),
// then points DIR/lexicon at it and removes the older ones. Call under the index's write lock.
void merge(const std::string& dir, const std::vector<std::string>& sources);

// Creates an empty lexicon generation in `dir`, not yet the current one; returns its path.
std::string create(const std::string& dir);

// Makes the generation at `path` (from create()) the current one and removes the others.
void switch_to(const std::string& path);

// Adds what the shard writers commit to the lexicon as well, from their threads. Committed at
// most once a second while a run goes on (each commit rewrites the spelling table's fragment
// lists), and by commit() at the end of a run.
class Writer {
 public:
  explicit Writer(const std::string& path);
  void add(const std::vector<std::pair<std::string, std::string>>& synonyms,
           const std::unordered_map<std::string, Xapian::termcount>* spellings);
  void commit();

 private:
  std::mutex mutex_;
  Xapian::WritableDatabase db_;
  bool dirty_ = false;
  std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
};

}  // namespace tracuu::indexer::lexicon
