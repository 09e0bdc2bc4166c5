#include "tracuu/indexer/check.h"

#include <xapian.h>

#include <sstream>

#include "errors.h"
#include "shards.h"

namespace tracuu::indexer {

bool IndexCheck::ok() const {
  if (!opens) return false;
  for (const auto& s : shards)
    if (!s.ok) return false;
  return true;
}

namespace {

ShardCheck check_shard(const std::string& path) {
  ShardCheck out;
  out.path = path;
  std::ostringstream log;  // Xapian's per-table report; its last lines say what is wrong
  try {
    std::size_t errors = Xapian::Database::check(path, 0, &log);
    out.ok = errors == 0;
    if (!out.ok) out.problem = std::to_string(errors) + " errors: " + log.str();
  } catch (const Xapian::Error& e) {
    out.problem = e.get_description();
  }
  return out;
}

}  // namespace

IndexCheck check_index(const std::string& dir) {
  if (!shards::exists(dir)) throw IndexError(IndexErrorKind::kNotFound, "no index at " + dir);
  IndexCheck result;
  for (const auto& path : shards::list(dir)) result.shards.push_back(check_shard(path));
  try {
    Xapian::Database all(dir);
    all.get_doccount();
    result.opens = true;
  } catch (const Xapian::Error& e) {
    result.open_problem = e.get_description();
  }
  return result;
}

}  // namespace tracuu::indexer
