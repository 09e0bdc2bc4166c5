// The one error type that leaves the indexer library for faults of the index itself. Xapian's
// exceptions are translated at the library boundary (see errors.cc), so that the CLI and the
// server never catch Xapian types and every fault carries what happened and Xapian's own words.
#pragma once

#include <stdexcept>
#include <string>

namespace tracuu::indexer {

enum class IndexErrorKind {
  kNotFound,     // no index at that path (or it cannot be opened as one)
  kLocked,       // another writer holds the write lock
  kPermission,   // read-only filesystem or permission denied
  kDiskFull,     // ENOSPC / EDQUOT while writing
  kCorrupt,      // a damaged or truncated shard: run `tracuu check`
  kModified,     // the revision being read was overwritten by a writer: reopen and retry
  kUnavailable,  // a remote shard did not answer
  kSchema,       // an index written by an incompatible version: rebuild needed
  kOther,
};

// A stable machine name for the kind ("disk-full", "corrupt", ...), for logs and JSON.
const char* kind_name(IndexErrorKind kind);

struct IndexError : std::runtime_error {
  IndexErrorKind kind;
  std::string detail;  // the underlying message (Xapian's description, errno text), for logs
  IndexError(IndexErrorKind k, const std::string& what, std::string underlying = {})
      : std::runtime_error(what), kind(k), detail(std::move(underlying)) {}
};

// The exception in flight (inside a catch block or a std::terminate handler) as an IndexError:
// Xapian's translated, anything else kOther. Xapian 1.4 can end the process from inside its
// own rollback of a commit that failed on a full disk; a terminate handler can still say why.
// Precondition: std::current_exception() is set.
IndexError in_flight_error();

}  // namespace tracuu::indexer
