// What a search asks for, and the error a request the user must fix raises. Shared by the query
// parser, the Searcher and every caller (CLI, server), so none of them converts a filter itself.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tracuu::indexer {

// Thrown for a request the user must fix (bad date or year, query too long...). `code` is a
// stable machine code ("bad_date", "bad_range" (from after to), "bad_year", "query_too_long",
// "bad_limit", "bad_query"); `param` names the request field at fault ("from", "to", "year",
// "query", "limit"), `value` the offending value when there is one; what() is English for logs.
// Callers show users their own message per code (the server keeps one table of Vietnamese
// messages).
struct QueryError : std::runtime_error {
  std::string code;
  std::string param;
  std::string value;
  QueryError(std::string c, const std::string& msg, std::string p = {}, std::string v = {})
      : std::runtime_error(msg), code(std::move(c)), param(std::move(p)), value(std::move(v)) {}
};

enum class SortOrder { kRelevance, kDate };

// Every repeatable filter is OR within the field and AND across fields.
struct SearchRequest {
  std::string query;                   // may be empty: browse by filters
  std::vector<std::string> provinces;  // any spelling ("hoa binh" = "Hòa Bình")
  // Documents citing any of these numbers, in any variant (the API's `directive`).
  std::vector<std::string> cited_numbers;
  std::vector<std::string> types;       // slug or label ("ke-hoach" = "Kế hoạch")
  std::vector<std::string> years;       // "2019"; a document's year is that of its date
  std::optional<std::string> from, to;  // ISO dates, inclusive
  SortOrder sort = SortOrder::kRelevance;
  std::size_t offset = 0;
  std::size_t limit = 10;
  bool facets = true;
  // Every word as typed, required: no relaxed pass when the strict one finds less than a page
  // (the page's "tìm chính xác" link, `exact=1`).
  bool exact = false;
};

}  // namespace tracuu::indexer
