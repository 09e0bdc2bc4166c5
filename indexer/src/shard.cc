#include "shard.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "schema.h"
#include "tracuu/indexer/errors.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {

std::vector<std::string> spelling_terms(const Xapian::Document& xdoc) {
  std::vector<std::string> out;
  for (auto it = xdoc.termlist_begin(); it != xdoc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z') || term.size() > 40) continue;
    if (std::isdigit(static_cast<unsigned char>(term[0]))) continue;
    out.push_back(term);
  }
  return out;
}

namespace {

std::uintmax_t bytes_of(const std::string& dir) {
  std::uintmax_t n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) n += e.file_size(ec);
  return n;
}

}  // namespace

Shard::Shard(std::string shard_path, bool fresh)
    : path(std::move(shard_path)),
      db(path, fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN),
      bytes_committed(bytes_of(path)) {
  if (fresh) {
    schema::stamp_version(db);
    db.commit();
    return;
  }
  schema::check_version(db, "index shard " + path);
  if (db.get_metadata(schema::kVersionKey).empty()) schema::stamp_version(db);  // empty so far
}

void Shard::begin_batch() {
  if (in_batch) return;
  ensure_room();
  db.begin_transaction();
  in_batch = true;
}

void Shard::add(const std::string& id, const Xapian::Document& xdoc,
                const std::vector<std::string>& spellings, IndexStats& stats) {
  begin_batch();
  std::string id_term = schema::term(schema::kId, id);
  bool existed = db.term_exists(id_term);
  for (const auto& t : spellings) {
    auto [it, fresh] = pending_spellings.try_emplace(t, 0);
    ++it->second;
    if (fresh) new_terms.push_back(&it->first);  // element references survive rehashing
  }
  db.replace_document(id_term, xdoc);
  ++(existed ? stats.updated : stats.added);
}

void Shard::ensure_room() const {
  struct statvfs fs {};
  if (::statvfs(path.c_str(), &fs) != 0) return;  // nothing to measure: let Xapian try
  const std::uintmax_t free = static_cast<std::uintmax_t>(fs.f_bavail) * fs.f_frsize;
  constexpr std::uintmax_t kMinRoom = 1 << 20;
  const std::uintmax_t need = std::max(kMinRoom, 4 * largest_growth) * writers;
  if (free >= need) return;
  throw IndexError(IndexErrorKind::kDiskFull, "committing " + path + ": No space left on device (" +
                                                  std::to_string(free >> 10) +
                                                  " KB free, a commit may need " +
                                                  std::to_string(need >> 10) + " KB)");
}

void Shard::commit(bool with_spelling) {
  ensure_room();
  std::vector<std::pair<std::string, std::string>> synonyms;
  for (const std::string* term : new_terms) {
    std::string folded = tokenizer::fold(*term);
    if (folded != *term && accent_pairs.insert(folded + '\t' + *term).second)
      synonyms.emplace_back(std::move(folded), *term);
  }
  new_terms.clear();
  if (lexicon) {
    lexicon->add(synonyms, with_spelling ? &pending_spellings : nullptr);
  } else {  // a shard written alone keeps its own tables
    for (const auto& [folded, accented] : synonyms) db.add_synonym(folded, accented);
    if (with_spelling)
      for (const auto& [term, count] : pending_spellings) db.add_spelling(term, count);
  }
  if (with_spelling) pending_spellings.clear();
  if (in_batch) {
    in_batch = false;  // commit_transaction ends the transaction even when it throws
    db.commit_transaction();
  } else {
    db.commit();
  }
  const std::uintmax_t after = bytes_of(path);
  if (after > bytes_committed) largest_growth = std::max(largest_growth, after - bytes_committed);
  bytes_committed = after;
}

void Shard::abandon_batch() noexcept {
  if (!in_batch) return;
  in_batch = false;
  try {
    db.cancel_transaction();
  } catch (...) {  // a database that failed may refuse even this; closing it drops the batch too
  }
}

}  // namespace tracuu::indexer
