// The on-disk layout of an index: one glass database, or several shards named by a stub file.
//
// `tracuu index` writes each document into one of N glass shards (chosen by its id), one writer
// thread per shard, because a single glass writer is the indexing bottleneck. A stub file
// (DIR/XAPIANDB, Xapian's own format: "auto shard0" per line) makes the directory open as one
// database in Xapian::Database, xapian-delve, xapian-compact and xapian-tcpsrv alike.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace tracuu::indexer::shards {

inline constexpr const char* kStubName = "XAPIANDB";

// The shard directories of the index at `dir`: the stub's local entries, or `dir` itself when it
// holds a single glass database (older indexes). Empty when no index exists there yet.
std::vector<std::string> list(const std::string& dir);

// The stub's lines that name no local glass shard: `remote HOST:PORT` (xapian-tcpsrv) or
// `remote :PROGRAM ARGS`, as written. Such shards are searched through Xapian's remote backend
// and written only on their own hosts (`tracuu index --shard K/N` there).
std::vector<std::string> remote_lines(const std::string& dir);

// True when `dir` holds an index this program wrote (a stub or a glass database).
bool exists(const std::string& dir);

// The shard names of a new index: shard0, shard1, ...
std::vector<std::string> initial_names(std::size_t count);

// `count` new shard names (relative to `dir`) of the next generation: "g<N>-<base><i>", N one
// above every generation the stub or the directory holds. A rebuild or a compaction writes its
// databases under these beside the live ones; names never come back, so a reader comparing
// layouts (and the UUIDs of new databases) always sees the switch.
std::vector<std::string> next_generation(const std::string& dir, const std::string& base,
                                         std::size_t count);

// Removes shard directories of this program's naming that the stub does not name: what an
// interrupted rebuild or compaction left. Call only while holding the write lock.
void remove_unlisted(const std::string& dir);

// Makes the stub name exactly `names` (directories relative to `dir`), atomically.
void point_to(const std::string& dir, const std::vector<std::string>& names);

// Removes the files of a glass database kept directly in `dir` (the layout before shards), and
// nothing else that may be there.
void remove_glass_files(const std::string& dir);

// The shard a document id lives in; stable, so an update replaces the document in place.
std::size_t shard_of(const std::string& id, std::size_t count);

}  // namespace tracuu::indexer::shards
