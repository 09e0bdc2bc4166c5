// `tracuu search`: faceted search from the terminal (JSON or a readable list).
#include <iostream>

#include "commands.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/indexer/searcher.h"

namespace tracuu::cli {
namespace {

// "news, chi-thi, ket-luan, ...": every type slug, from the one table of types.
std::string type_help() {
  std::string out = "filter by type, slug or label (repeatable): ";
  std::string_view last;
  for (const auto& t : corpus::document_types()) {
    if (t.slug == last) continue;
    out += (last.empty() ? "" : ", ") + std::string(t.slug);
    last = t.slug;
  }
  return out;
}

}  // namespace

void register_search(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("search", "Search the index (empty query + filters = browse)");
  static std::string db, query, sort = "relevance";
  static std::vector<std::string> provinces, cited_numbers, types, years;
  static std::string from, to;
  static std::size_t limit = 10, offset = 0;
  static bool json = false;
  cmd->add_option("--db", db, "database directory")->required();
  cmd->add_option("QUERY", query,
                  "query text: words, \"phrase\", -word, OR, tinh:\"Lào Cai\", so:114-KL/TW");
  cmd->add_option("--province", provinces, "filter by province (repeatable)");
  cmd->add_option("--directive", cited_numbers,
                  "filter by cited document number, any variant (repeatable)");
  cmd->add_option("--type", types, type_help());
  cmd->add_option("--year", years, "filter by year, YYYY (repeatable)");
  cmd->add_option("--from", from, "YYYY-MM-DD");
  cmd->add_option("--to", to, "YYYY-MM-DD");
  cmd->add_option("--sort", sort, "relevance|date")->check(CLI::IsMember({"relevance", "date"}));
  cmd->add_option("--limit", limit, "hits per page")->check(CLI::Range(0, 1000));
  cmd->add_option("--offset", offset, "first hit");
  cmd->add_flag("--json", json, "JSON output");
  cmd->callback([&exit_code] {
    indexer::Searcher searcher(db);
    indexer::SearchRequest req;
    req.query = query;
    req.provinces = provinces;
    req.cited_numbers = cited_numbers;
    req.types = types;
    req.years = years;
    if (!from.empty()) req.from = from;
    if (!to.empty()) req.to = to;
    req.sort = sort == "date" ? indexer::SortOrder::kDate : indexer::SortOrder::kRelevance;
    req.limit = limit;
    req.offset = offset;
    indexer::SearchResult result;
    try {
      result = searcher.search(req);
    } catch (const indexer::QueryError& e) {
      std::cerr << "tracuu search: " << e.what() << "\n";
      exit_code = 2;
      return;
    }
    if (json) {
      std::cout << indexer::to_json(result).dump(-1, ' ', false,
                                                 nlohmann::json::error_handler_t::replace)
                << "\n";
      return;
    }
    std::cout << result.total << " kết quả\n";
    if (result.suggestion) std::cout << "Có phải bạn muốn tìm: " << *result.suggestion << "\n";
    for (const auto& h : result.hits)
      std::cout << "- " << h.date.value_or("----------") << (h.date_estimated ? "~ " : "  ")
                << h.title << "  [" << h.primary_province.value_or("-") << "] " << h.id << "\n";
  });
}

}  // namespace tracuu::cli
