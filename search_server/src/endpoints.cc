// The endpoints' bodies: parse, call the Searcher, render JSON or a page.
#include "endpoints.h"

#include <cstring>
#include <fstream>
#include <sstream>

#include "disjunctive_facets.h"
#include "http_error.h"
#include "original_file.h"
#include "pages.h"

namespace tracuu::server {
namespace {

// The handle the worker's current request holds, taken on its first use in the request and
// given back as soon as the reply is made.
thread_local std::optional<SearcherPool::Lease> t_lease;

indexer::CitedDocument find_cited_document(indexer::Searcher& s, const std::string& number) {
  auto rec = s.cited_document(number);
  if (!rec)
    throw HttpError{404, "not_found",
                    "Không có văn bản nào mang hoặc dẫn chiếu số " + number + "."};
  return *rec;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string content_type_of(const std::filesystem::path& path) {
  auto ext = path.extension().string();
  return ext == ".css"   ? "text/css; charset=utf-8"
         : ext == ".js"  ? "text/javascript; charset=utf-8"
         : ext == ".svg" ? "image/svg+xml"
         : ext == ".png" ? "image/png"
                         : "application/octet-stream";
}

// The search a result link carries (pages.h, FromSearch): its marked words and the neighbouring
// hits, from one search of the three places around this one. A link whose search no longer parses
// (edited by hand, an older format) just opens the document.
std::optional<FromSearch> from_search(indexer::Searcher& s, const Params& params) {
  auto hit = one_of(params, "hit");
  if (!hit) return std::nullopt;
  FromSearch from;
  indexer::SearchResult result;
  try {
    from.hit = std::stoul(*hit);
    from.request = parse_search(params).request;
    if (from.hit == 0 || from.hit > 100000) return std::nullopt;
    auto around = from.request;
    around.offset = from.hit >= 2 ? from.hit - 2 : 0;
    around.limit = from.hit >= 2 ? 3 : 2;
    around.facets = false;
    result = s.search(around);
  } catch (const std::logic_error&) {  // std::stoul's invalid_argument and out_of_range
    return std::nullopt;
  } catch (const HttpError&) {
    return std::nullopt;
  } catch (const indexer::QueryError&) {
    return std::nullopt;
  }
  from.marked_words = result.marked_words;
  std::size_t self = from.hit >= 2 ? 1 : 0;
  if (self > 0 && !result.hits.empty()) from.previous_id = result.hits[0].id;
  if (result.hits.size() > self + 1) from.next_id = result.hits[self + 1].id;
  return from;
}

}  // namespace

indexer::SearchResult run_search(indexer::Searcher& s, const indexer::SearchRequest& r) {
  try {
    return s.search(r);
  } catch (const indexer::QueryError& e) {
    throw request_fault(e);
  }
}

Endpoints::Endpoints(SearcherPool& searchers, const Metrics& metrics, const ResponseCache* cache,
                     std::filesystem::path web_dir, Log& log)
    : searchers_(searchers),
      metrics_(metrics),
      cache_(cache),
      web_dir_(std::move(web_dir)),
      log_(log),
      changes_(searchers.db_path()) {}

indexer::Searcher& Endpoints::searcher() {
  if (!t_lease) t_lease.emplace(searchers_.acquire());
  return **t_lease;
}

std::optional<std::uint64_t> Endpoints::finish_request() {
  if (!t_lease) return std::nullopt;
  std::optional<std::uint64_t> made_at;
  try {
    made_at = searchers_.generation_of(**t_lease);
  } catch (...) {  // a handle that cannot tell its state made nothing worth caching
  }
  t_lease.reset();
  return made_at;
}

Reply Endpoints::answer(Endpoint endpoint, const Request& r) {
  try {
    return (this->*endpoint)(r);
  } catch (const indexer::IndexError& e) {
    if (e.kind != indexer::IndexErrorKind::kModified || !t_lease) throw;
  }
  searchers_.refresh(*t_lease);
  return (this->*endpoint)(r);
}

// Runs a tiny query, so that a damaged index shows here and not only in every search.
Reply Endpoints::healthz(const Request&) {
  try {
    indexer::SearchRequest probe;
    probe.limit = 1;
    probe.facets = false;
    auto& s = searcher();
    s.search(probe);
    return json_reply(
        {{"status", "ok"}, {"documents", s.document_count()}, {"revision", s.revision()}});
  } catch (const indexer::IndexError& e) {
    if (e.kind == indexer::IndexErrorKind::kModified) throw;  // answer() retries it
    log_.line("tracuu serve: /healthz: " + describe(e));
    Reply r = json_reply(
        {{"status", "error"}, {"kind", indexer::kind_name(e.kind)}, {"reason", e.what()}});
    r.status = 503;
    return r;
  }
}

Reply Endpoints::metrics(const Request&) {
  auto& s = searcher();
  Reply r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  r.body = metrics_.render(s.document_count(), s.revision());
  if (cache_) r.body += render_cache_metrics(cache_->stats());
  return r;
}

Reply Endpoints::api_search(const Request& r) {
  ParsedSearch p = parse_search(r.params);
  auto result = run_search(searcher(), p.request);
  count_facets_disjunctively(searcher(), p.request, result);
  auto j = indexer::to_json(result);
  j["page"] = p.page;
  j["size"] = p.size;
  j["pages"] = (result.total + p.size - 1) / p.size;
  return json_reply(j);
}

Reply Endpoints::api_document(const Request& r) {
  const std::string id(r.rest);
  auto& s = searcher();
  auto doc = s.document(id);
  if (!doc) throw HttpError{404, "not_found", "Không tìm thấy văn bản " + id + "."};
  nlohmann::json j = corpus::to_json(*doc);
  j.erase("origin");
  nlohmann::json paragraphs = nlohmann::json::array();
  std::size_t n = 0;
  for (const auto& p : j["paragraphs"]) {
    auto q = p;
    q["anchor"] = std::string("p").append(std::to_string(++n));
    paragraphs.push_back(q);
  }
  j["paragraphs"] = paragraphs;
  for (auto& c : j["citations"])
    c["url"] = "/api/directives/" + url_encode(c["number"].get<std::string>());
  nlohmann::json related = nlohmann::json::array();
  for (const auto& h : s.related(*doc, 8)) related.push_back(indexer::to_json(h));
  j["related"] = related;
  j["permalink"] = "/d/" + url_encode(id);
  if (doc->original && doc->original->sha256) j["original"]["url"] = "/files/" + url_encode(id);
  return revalidatable(json_reply(j));
}

Reply Endpoints::api_cited_document(const Request& r) {
  auto& s = searcher();
  auto rec = find_cited_document(s, std::string(r.rest));
  auto j = indexer::to_json(rec);
  if (rec.document_id) {
    if (auto doc = s.document(*rec.document_id)) j["text"] = doc->text;
  }
  j["permalink"] = "/directive/" + url_encode(rec.number);
  return json_reply(j);
}

Reply Endpoints::api_suggest(const Request& r) {
  std::string q = parse_suggest_query(r.params);
  auto& s = searcher();
  nlohmann::json j{{"q", q},
                   {"completions", q.empty() ? std::vector<std::string>{} : s.suggest(q, 8)}};
  indexer::SearchRequest request;
  request.query = q;
  request.limit = 5;
  request.facets = false;
  auto res = q.empty() ? indexer::SearchResult{} : run_search(s, request);
  j["suggestion"] = res.suggestion ? nlohmann::json(*res.suggestion) : nlohmann::json(nullptr);
  // The box's drop-down opens these directly (web/static/suggest.js).
  nlohmann::json documents = nlohmann::json::array();
  for (const auto& h : res.hits)
    documents.push_back({{"id", h.id},
                         {"title", h.title},
                         {"date", h.date ? nlohmann::json(*h.date) : nlohmann::json(nullptr)},
                         {"url", "/d/" + url_encode(h.id)}});
  j["documents"] = documents;
  return json_reply(j);
}

Reply Endpoints::api_facets(const Request&) {
  auto facets = searcher().all_facets(1000);
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, counts] : facets) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& [k, v] : counts) arr.push_back({{"value", k}, {"count", v}});
    j[name == indexer::kCitedFacet ? "most_cited" : name] = arr;
  }
  return json_reply(j);
}

Reply Endpoints::page_search(const Request& r) {
  SearchPage page;
  try {
    ParsedSearch p = parse_search(r.params);
    page.request = p.request;
    page.page = p.page;
    page.size = p.size;
    page.result = run_search(searcher(), p.request);
    count_facets_disjunctively(searcher(), p.request, page.result);
  } catch (const HttpError& e) {
    page.error = e.message;
    Reply reply = html_reply(render_search(page));
    reply.status = e.status;
    return reply;
  }
  return html_reply(render_search(page));
}

Reply Endpoints::page_document(const Request& r) {
  auto& s = searcher();
  auto doc = s.document(std::string(r.rest));
  if (!doc) throw HttpError{404, "not_found", "Không tìm thấy văn bản này."};
  return revalidatable(
      html_reply(render_document(*doc, s.related(*doc, 8), "", from_search(s, r.params))));
}

Reply Endpoints::page_cited_document(const Request& r) {
  // A number holds slashes ("49-CT/TW"), so these come as suffixes of the decoded path.
  for (const auto& [suffix, as_feed] : {std::pair{"/feed", true}, std::pair{"/export.csv", false}})
    if (r.rest.ends_with(suffix))
      return cited_follow(std::string(r.rest.substr(0, r.rest.size() - std::strlen(suffix))),
                          as_feed);
  auto& s = searcher();
  auto rec = find_cited_document(s, std::string(r.rest));
  std::optional<corpus::Document> text;
  if (rec.document_id) text = s.document(*rec.document_id);
  return revalidatable(html_reply(render_cited_document(rec, text)));
}

// The id is looked up in the index like any document id; only the record's SHA-256 names a file.
Reply Endpoints::original_file(const Request& r) {
  auto doc = searcher().document(std::string(r.rest));
  if (!doc) throw HttpError{404, "not_found", "Không tìm thấy văn bản này."};
  return original_reply(searchers_.db_path(), *doc);
}

Reply Endpoints::static_file(const Request& r) {
  const std::string name(r.rest);
  // Only plain file names: no traversal, no hidden files.
  if (name.empty() || name[0] == '.' ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
          std::string::npos)
    throw HttpError{404, "not_found", "Không tìm thấy tệp."};
  auto path = web_dir_ / "static" / name;
  if (!std::filesystem::is_regular_file(path))
    throw HttpError{404, "not_found", "Không tìm thấy tệp."};
  Reply reply;
  reply.body = read_file(path);
  reply.content_type = content_type_of(path);
  reply.etag = etag_of(reply.body);
  reply.cache_control = "public, max-age=300";
  return reply;
}

Reply Endpoints::not_found(const Request&) {
  throw HttpError{404, "not_found", "Không tìm thấy trang."};
}

// The write API's changes, for clients that mirror the archive: poll with the last `rev` seen.
Reply Endpoints::api_changes(const Request& r) {
  constexpr std::size_t kMaxChanges = 1000;
  std::uint64_t since = 0;
  if (auto v = one_of(r.params, "since")) {
    if (v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos)
      throw HttpError{400, "bad_parameter", "Tham số since phải là số nguyên không âm."};
    since = std::stoull(*v);
  }
  auto changes = changes_.since(since, kMaxChanges + 1);
  const bool more = changes.size() > kMaxChanges;
  if (more) changes.pop_back();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : changes)
    list.push_back(
        {{"rev", c.rev}, {"time", c.time}, {"action", c.action}, {"id", c.id}, {"token", c.token}});
  return json_reply(
      {{"changes", list}, {"last", changes.empty() ? since : changes.back().rev}, {"more", more}});
}

}  // namespace tracuu::server
