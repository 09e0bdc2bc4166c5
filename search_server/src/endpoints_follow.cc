// The endpoints for following and taking away results: Atom feeds and CSV exports of a search
// (/feed, /export.csv, with the search page's parameters) and of a cited document's citing
// documents (/directive/{number}/feed, /directive/{number}/export.csv).
#include <filesystem>

#include "atom_feed.h"
#include "csv_export.h"
#include "endpoints.h"
#include "http_error.h"
#include "pages.h"

namespace tracuu::server {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kFeedEntries = 50;
constexpr std::size_t kBatch = 1000;  // the most hits one search may ask for

// Every match, in the request's order, up to `cap`; `total` gets the number of matches.
std::vector<indexer::Hit> all_hits(indexer::Searcher& s, indexer::SearchRequest r, std::size_t cap,
                                   std::size_t& total) {
  std::vector<indexer::Hit> hits;
  r.facets = false;
  r.offset = 0;
  total = 0;
  while (hits.size() < cap) {
    r.limit = std::min(kBatch, cap - hits.size());
    auto page = run_search(s, r);
    total = page.total;
    for (auto& h : page.hits) hits.push_back(std::move(h));
    if (page.hits.size() < r.limit) break;
    r.offset += page.hits.size();
  }
  return hits;
}

std::string query_string(const Params& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (k == "page" || k == "size") continue;  // a feed and an export are never one page
    out += (out.empty() ? "?" : "&") + url_encode(k) + "=" + url_encode(v);
  }
  return out;
}

// When the index last changed: the newest file of the stub and the shards (Xapian rewrites its
// version file on every commit). The originals store is left out: it changes with the index.
std::chrono::system_clock::time_point index_changed_at(const fs::path& db) {
  auto newest = fs::file_time_type::min();  // not {}: libstdc++ counts file times from 2174
  std::error_code ec;
  for (fs::recursive_directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename() == "originals") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) newest = std::max(newest, it->last_write_time(ec));
  }
  return std::chrono::time_point_cast<std::chrono::system_clock::duration>(
      std::chrono::file_clock::to_sys(newest));
}

Reply feed_reply(FeedHead head, const std::vector<indexer::Hit>& hits, const fs::path& db) {
  head.updated = index_changed_at(db);
  Reply r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.body = atom_feed(head, hits);
  r = revalidatable(std::move(r));
  r.headers.emplace_back("Last-Modified", http_date(head.updated));
  return r;
}

Reply csv_reply(const std::vector<indexer::Hit>& hits, std::size_t total,
                const std::string& file_name) {
  Reply r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = csv_export(hits, total);
  r.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"tracuu.csv\"; filename*=UTF-8''" + url_encode(file_name));
  r.headers.emplace_back("X-Total-Count", std::to_string(total));
  return r;
}

// "49-CT/TW" -> "49-CT-TW": a file name without a path separator.
std::string file_name_of(std::string number) {
  for (char& c : number)
    if (c == '/' || c == '\\') c = '-';
  return number;
}

}  // namespace

Reply Endpoints::feed(const Request& r) {
  ParsedSearch p = parse_search(r.params);
  p.request.sort = indexer::SortOrder::kDate;
  p.request.offset = 0;
  p.request.limit = kFeedEntries;
  p.request.facets = false;
  auto result = run_search(searcher(), p.request);
  const std::string query = query_string(r.params);
  FeedHead head{
      "tracuu · " + (p.request.query.empty() ? std::string("văn bản mới") : p.request.query),
      "/feed" + query,
      "/search" + query,
      {}};
  return feed_reply(head, result.hits, searchers_.db_path());
}

Reply Endpoints::export_csv(const Request& r) {
  ParsedSearch p = parse_search(r.params);
  std::size_t total = 0;
  auto hits = all_hits(searcher(), p.request, kCsvMaxRows, total);
  return csv_reply(
      hits, total,
      "tracuu-" + (p.request.query.empty() ? std::string("van-ban") : p.request.query) + ".csv");
}

// The citing documents are those of the search `directive=NUMBER`: one definition, one count.
Reply Endpoints::cited_follow(const std::string& number, bool as_feed) {
  auto& s = searcher();
  auto rec = s.cited_document(number);
  if (!rec)
    throw HttpError{404, "not_found",
                    "Không có văn bản nào mang hoặc dẫn chiếu số " + number + "."};
  indexer::SearchRequest citing;
  citing.cited_numbers = {rec->number};
  citing.sort = indexer::SortOrder::kDate;
  if (!as_feed) {
    std::size_t total = 0;
    auto hits = all_hits(s, citing, kCsvMaxRows, total);
    return csv_reply(hits, total, file_name_of(rec->number) + ".csv");
  }
  citing.limit = kFeedEntries;
  citing.facets = false;
  auto result = run_search(s, citing);
  const std::string path = "/directive/" + url_encode(rec->number);
  FeedHead head{"tracuu · văn bản dẫn chiếu " + rec->number, path + "/feed", path, {}};
  return feed_reply(head, result.hits, searchers_.db_path());
}

}  // namespace tracuu::server
