// Parameter validation for what the server checks itself; dates, years and the query length are
// checked by the indexer and worded in http_error.cc.
#include "request_params.h"

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
  for (const auto& [k, v] : params)
    if (!tokenizer::is_valid_utf8(v))
      throw HttpError{400, "invalid_utf8", "Tham số " + k + " không phải UTF-8 hợp lệ."};
  r.provinces = all_of(params, "province");
  r.cited_numbers = all_of(params, "directive");
  r.types = all_of(params, "type");
  // Dates, years and the query length are checked by the indexer (QueryError, see http_error).
  r.years = all_of(params, "year");
  r.from = one_of(params, "from");
  r.to = one_of(params, "to");
  auto sort = one_of(params, "sort").value_or("relevance");
  if (sort != "relevance" && sort != "date")
    throw HttpError{400, "bad_sort", "Kiểu sắp xếp không hợp lệ (relevance hoặc date)."};
  r.sort = sort == "date" ? indexer::SortOrder::kDate : indexer::SortOrder::kRelevance;
  // Every word as typed, no relaxed pass (the "tìm chính xác" link).
  auto exact = one_of(params, "exact").value_or("0");
  r.exact = exact == "1" || exact == "true";
  p.size = positive_int(one_of(params, "size"), 10, "size", kMaxPageSize);
  p.page = positive_int(one_of(params, "page"), 1, "page", 100000);
  r.limit = p.size;
  r.offset = (p.page - 1) * p.size;
  return p;
}

std::string parse_suggest_query(const Params& params) {
  std::string q = one_of(params, "q").value_or("");
  if (!tokenizer::is_valid_utf8(q))
    throw HttpError{400, "invalid_utf8", "Từ khóa không phải UTF-8 hợp lệ."};
  return q;
}

}  // namespace tracuu::server
