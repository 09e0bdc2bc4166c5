// `tracuu check`: Xapian's own consistency check (Xapian::Database::check) on every shard of an
// index, so that a damaged index says which shard is damaged instead of only failing to open.
#pragma once

#include <string>
#include <vector>

namespace tracuu::indexer {

struct ShardCheck {
  std::string path;  // the shard's directory
  bool ok = false;
  std::string problem;  // what Xapian found, when not ok
};

struct IndexCheck {
  std::vector<ShardCheck> shards;
  bool opens = false;        // the whole index opens as one database
  std::string open_problem;  // why not
  bool ok() const;
};

// Checks the index at `dir` (a stub with its shards, or one glass database). Reads only; safe
// while a writer runs (Xapian checks the last committed revision). Throws IndexError (kNotFound)
// when `dir` holds no index.
IndexCheck check_index(const std::string& dir);

}  // namespace tracuu::indexer
