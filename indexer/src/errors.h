// Translating Xapian's exceptions into IndexError (internal: only the library sees Xapian types).
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>

#include "tracuu/indexer/errors.h"

namespace tracuu::indexer {

// `context` says what was being done ("opening index DIR", "committing shard 2"); the result's
// what() is "<context>: <plain description>", detail is Xapian's full description.
IndexError translate(const Xapian::Error& e, const std::string& context);

// An errno of the filesystem around the databases (the index directory, the stub, the lock):
// ENOSPC is a full disk, EROFS/EACCES/EPERM a permission problem. `what` is the system's text.
IndexError translate_errno(int err, const std::string& context, const std::string& what);

// Runs f(); any Xapian::Error or filesystem error leaves as IndexError. The one place the library
// boundary is crossed.
template <class F>
auto translating(const std::string& context, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw translate(e, context);
  } catch (const std::filesystem::filesystem_error& e) {
    throw translate_errno(e.code().value(), context, e.what());
  }
}

}  // namespace tracuu::indexer
