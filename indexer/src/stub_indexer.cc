// TEMPORARY stub so the tree links; the indexer owner replaces this file.
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"

namespace tracuu::indexer {
struct IndexWriter::Impl {};
IndexWriter::IndexWriter(const std::string&, const IndexOptions&) {
  throw std::runtime_error("indexer not implemented");
}
IndexWriter::~IndexWriter() = default;
bool IndexWriter::upsert(const corpus::Document&) { return false; }
bool IndexWriter::remove(const std::string&) { return false; }
void IndexWriter::commit() {}
IndexStats IndexWriter::index_paths(const std::vector<std::string>&) { return {}; }

struct Searcher::Impl {};
Searcher::Searcher(const std::string&) { throw std::runtime_error("searcher not implemented"); }
Searcher::~Searcher() = default;
bool Searcher::reopen() { return false; }
std::uint64_t Searcher::revision() const { return 0; }
std::size_t Searcher::document_count() const { return 0; }
SearchResult Searcher::search(const SearchRequest&) { return {}; }
std::optional<corpus::Document> Searcher::document(const std::string&) { return std::nullopt; }
std::vector<Hit> Searcher::related(const std::string&, std::size_t) { return {}; }
std::optional<DirectiveRecord> Searcher::directive(const std::string&) { return std::nullopt; }
std::vector<std::string> Searcher::suggest(const std::string&, std::size_t) { return {}; }
std::map<std::string, FacetCounts> Searcher::all_facets(std::size_t) { return {}; }
nlohmann::json to_json(const SearchResult&) { return nlohmann::json::object(); }
nlohmann::json to_json(const Hit&) { return nlohmann::json::object(); }
nlohmann::json to_json(const DirectiveRecord&) { return nlohmann::json::object(); }
}  // namespace tracuu::indexer
