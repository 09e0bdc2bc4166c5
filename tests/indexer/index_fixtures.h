// Shared by the indexer tests: scratch index directories and small hand-made indexes.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tracuu/corpus/document.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"

namespace tracuu::test {

// An empty path under the temp directory, unique to this process.
inline std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("tracuu-idx-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

// A hand-made document.
inline corpus::Document document(const std::string& id, const std::string& title,
                                 const std::string& text) {
  corpus::Document d;
  d.id = id;
  d.title = title;
  d.text = text;
  return d;
}

// Indexes `docs` (upserts, one commit) into a new or existing index at `db`.
inline void write_documents(const std::filesystem::path& db,
                            const std::vector<corpus::Document>& docs) {
  indexer::IndexWriter w(db.string(), {});
  for (const auto& d : docs) w.upsert(d);
  w.commit();
}

// How many documents `query` matches.
inline std::size_t total_for(indexer::Searcher& searcher, const std::string& query) {
  indexer::SearchRequest r;
  r.query = query;
  return searcher.search(r).total;
}

// The "did you mean" of `query`, "" when there is none.
inline std::string suggestion_for(indexer::Searcher& searcher, const std::string& query) {
  indexer::SearchRequest r;
  r.query = query;
  return searcher.search(r).suggestion.value_or("");
}

}  // namespace tracuu::test
