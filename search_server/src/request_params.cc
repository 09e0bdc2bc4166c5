// Parameter validation: every message a user sees for a bad parameter is here.
#include "request_params.h"

#include <algorithm>
#include <cctype>

#include "http_error.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::server {
namespace {

constexpr std::size_t kMaxPageSize = 100;

std::size_t positive_int(const std::optional<std::string>& v, std::size_t fallback,
                         const char* name, std::size_t max) {
  if (!v) return fallback;
  if (v->empty() || v->size() > 9 || v->find_first_not_of("0123456789") != std::string::npos)
    throw HttpError{400, "bad_parameter",
                    std::string("Tham số ") + name + " phải là số nguyên dương."};
  std::size_t n = std::stoul(*v);
  if (n == 0)
    throw HttpError{400, "bad_parameter", std::string("Tham số ") + name + " phải lớn hơn 0."};
  if (n > max)
    throw HttpError{400, "bad_parameter",
                    std::string("Tham số ") + name + " tối đa là " + std::to_string(max) + "."};
  return n;
}

bool valid_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  int m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

void parse_dates(const Params& params, indexer::SearchRequest& r) {
  r.from = one_of(params, "from");
  r.to = one_of(params, "to");
  auto years = all_of(params, "year");
  if (!years.empty()) {
    std::string y = years.front();
    if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
      throw HttpError{400, "bad_year", "Năm không hợp lệ: " + y};
    std::string lo = *std::min_element(years.begin(), years.end());
    std::string hi = *std::max_element(years.begin(), years.end());
    if (!r.from) r.from = lo + "-01-01";
    if (!r.to) r.to = hi + "-12-31";
  }
  if (r.from && !valid_date(*r.from))
    throw HttpError{400, "bad_date", "Ngày bắt đầu không hợp lệ (định dạng YYYY-MM-DD)."};
  if (r.to && !valid_date(*r.to))
    throw HttpError{400, "bad_date", "Ngày kết thúc không hợp lệ (định dạng YYYY-MM-DD)."};
}

}  // namespace

std::vector<std::string> all_of(const Params& params, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : params)
    if (k == key && !v.empty()) out.push_back(v);
  return out;
}

std::optional<std::string> one_of(const Params& params, const std::string& key) {
  for (const auto& [k, v] : params)
    if (k == key && !v.empty()) return v;
  return std::nullopt;
}

ParsedSearch parse_search(const Params& params) {
  ParsedSearch p;
  auto& r = p.request;
  r.query = one_of(params, "q").value_or("");
  if (r.query.size() > kMaxQuery)
    throw HttpError{400, "query_too_long", "Từ khóa quá dài (tối đa 1.000 ký tự)."};
  for (const auto& [k, v] : params)
    if (!tokenizer::is_valid_utf8(v))
      throw HttpError{400, "invalid_utf8", "Tham số " + k + " không phải UTF-8 hợp lệ."};
  r.provinces = all_of(params, "province");
  r.directives = all_of(params, "directive");
  r.types = all_of(params, "type");
  parse_dates(params, r);
  auto sort = one_of(params, "sort").value_or("relevance");
  if (sort != "relevance" && sort != "date")
    throw HttpError{400, "bad_sort", "Kiểu sắp xếp không hợp lệ (relevance hoặc date)."};
  r.sort = sort == "date" ? indexer::SortOrder::kDate : indexer::SortOrder::kRelevance;
  p.size = positive_int(one_of(params, "size"), 10, "size", kMaxPageSize);
  p.page = positive_int(one_of(params, "page"), 1, "page", 100000);
  r.limit = p.size;
  r.offset = (p.page - 1) * p.size;
  return p;
}

std::string parse_suggest_query(const Params& params) {
  std::string q = one_of(params, "q").value_or("");
  if (q.size() > kMaxQuery) throw HttpError{400, "query_too_long", "Từ khóa quá dài."};
  if (!tokenizer::is_valid_utf8(q))
    throw HttpError{400, "invalid_utf8", "Từ khóa không phải UTF-8 hợp lệ."};
  return q;
}

}  // namespace tracuu::server
