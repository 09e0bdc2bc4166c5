// A small Xapian database in the index schema, written directly (no IndexWriter), for unit tests of
// the query side's pieces (facets, hits, readings...). Glass in a scratch directory rather than
// Xapian's in-memory backend, which has no synonym or spelling tables.
#pragma once

#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

#include "index_fixtures.h"  // document()
#include "schema.h"
#include "tracuu/corpus/document.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::test {

// Where small_index(name, ...) writes.
inline std::filesystem::path small_index_dir(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         ("tracuu-small-" + name + "-" + std::to_string(getpid()));
}

// The documents (made with document(), index_fixtures.h) as the writer stores them
// (schema::build_document), with what the writer adds beside them: each accented syllable under
// its folded form in the synonym table, every syllable in the spelling table, the schema version.
// Texts are analyzed `piece_bytes` at a time.
inline Xapian::WritableDatabase small_index(const std::string& name,
                                            const std::vector<corpus::Document>& docs,
                                            std::size_t piece_bytes = tokenizer::kPieceBytes) {
  auto dir = small_index_dir(name);
  std::filesystem::remove_all(dir);
  Xapian::WritableDatabase db(dir.string(),
                              Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  for (const auto& d : docs)
    db.replace_document(indexer::schema::term(indexer::schema::kId, d.id),
                        indexer::schema::build_document(d, piece_bytes));
  std::vector<std::pair<std::string, Xapian::doccount>> syllables;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
    const std::string term = *t;
    // Prefixed terms start with an ASCII capital; syllables are lower case.
    if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'))
      syllables.emplace_back(term, t.get_termfreq());
  }
  for (const auto& [term, freq] : syllables) {
    if (tokenizer::fold(term) != term) db.add_synonym(tokenizer::fold(term), term);
    db.add_spelling(term, freq);
  }
  indexer::schema::stamp_version(db);
  db.commit();
  return db;
}

}  // namespace tracuu::test
