// libFuzzer target: any bytes as a query (search and suggest) over a real index of the sample
// corpus. A crash, a sanitizer report or an exception other than QueryError is a bug.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"

namespace {
tracuu::indexer::Searcher& searcher() {
  static tracuu::indexer::Searcher* s = [] {
    static const auto dir =
        std::filesystem::temp_directory_path() / ("tracuu-fuzz-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir);
    std::atexit([] { std::filesystem::remove_all(dir); });
    {
      tracuu::indexer::IndexWriter w(dir.string(), {});
      w.index_paths({std::string(TRACUU_SOURCE_DIR) + "/data/sample"});
    }
    return new tracuu::indexer::Searcher(dir.string());
  }();
  return *s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string q(reinterpret_cast<const char*>(data), size);
  auto& s = searcher();
  tracuu::indexer::SearchRequest r;
  r.query = q;
  try {
    s.search(r);
  } catch (const tracuu::indexer::QueryError&) {
  }
  try {
    s.suggest(q, 5);
  } catch (const tracuu::indexer::QueryError&) {
  }
  return 0;
}
