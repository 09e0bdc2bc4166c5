// Translating Xapian's exceptions into IndexError (internal: only the library sees Xapian types).
#pragma once

#include <xapian.h>

#include <string>

#include "tracuu/indexer/errors.h"

namespace tracuu::indexer {

// `context` says what was being done ("opening index DIR", "committing shard 2"); the result's
// what() is "<context>: <plain description>", detail is Xapian's full description.
IndexError translate(const Xapian::Error& e, const std::string& context);

// Runs f(); any Xapian::Error leaves as IndexError. The one place the library boundary is crossed.
template <class F>
auto translating(const std::string& context, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Xapian::Error& e) {
    throw translate(e, context);
  }
}

}  // namespace tracuu::indexer
