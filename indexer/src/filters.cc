// Request filters: OR within a field, AND across fields, as boolean terms and a date value range.
#include "filters.h"

#include <vector>

#include "query_parser.h"
#include "schema.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {
namespace {

Xapian::Query any_of(const char* prefix, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> qs;
  for (const auto& v : values) qs.emplace_back(schema::term(prefix, v));
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

bool digits(const std::string& s, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i)
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  return true;
}

std::string checked_year(const std::string& year) {
  if (year.size() != 4 || !digits(year, 0, 4))
    throw QueryError("bad_year", "year must be four digits: " + year, "year", year);
  return year;
}

Xapian::Query date_range(const std::optional<std::string>& from,
                         const std::optional<std::string>& to) {
  std::string lo = from ? compact_date(*from, "from") : "00000000";
  std::string hi = to ? compact_date(*to, "to") : "99999999";
  // An inverted range would match nothing without a word: the user must hear why.
  if (lo > hi) throw QueryError("bad_range", "from is after to", "from", *from);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDate, lo, hi);
}

}  // namespace

std::string compact_date(const std::string& iso, const char* param) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(iso, 0, 4) ||
      !digits(iso, 5, 2) || !digits(iso, 8, 2))
    throw QueryError("bad_date", std::string(param) + " must be YYYY-MM-DD", param, iso);
  int m = std::stoi(iso.substr(5, 2)), d = std::stoi(iso.substr(8, 2));
  if (m < 1 || m > 12 || d < 1 || d > 31)
    throw QueryError("bad_date", std::string(param) + " is not a valid date", param, iso);
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string canonical_number(const std::string& any) {
  auto d = tokenizer::parse_docnum(any);
  return d ? d->canonical : tokenizer::normalize_keep_case(any);
}

std::optional<Xapian::Query> filter_query(const SearchRequest& req, const IndexView& db) {
  std::vector<Xapian::Query> filters;
  if (!req.provinces.empty()) {
    std::vector<std::string> names;
    for (const auto& p : req.provinces) names.push_back(canonical_province(p, db));
    filters.push_back(any_of(schema::kProvince, names));
  }
  if (!req.cited_numbers.empty()) {
    std::vector<Xapian::Query> numbers;
    // Documents citing it, as the cited-document record counts them: not the text itself.
    for (const auto& d : req.cited_numbers)
      numbers.emplace_back(schema::term(schema::kCited, canonical_number(d)));
    filters.emplace_back(Xapian::Query::OP_OR, numbers.begin(), numbers.end());
  }
  if (!req.types.empty()) {
    std::vector<std::string> slugs;
    for (const auto& t : req.types) slugs.push_back(type_slug(t));
    filters.push_back(any_of(schema::kType, slugs));
  }
  if (!req.years.empty()) {
    std::vector<std::string> years;
    for (const auto& y : req.years) years.push_back(checked_year(y));
    filters.push_back(any_of(schema::kYear, years));
  }
  if (req.from || req.to) filters.push_back(date_range(req.from, req.to));
  if (filters.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

}  // namespace tracuu::indexer
