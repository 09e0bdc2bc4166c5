// The server's endpoints: each parses its request, calls the indexer's Searcher and renders.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "log.h"
#include "metrics.h"
#include "reply.h"
#include "request_params.h"
#include "response_cache.h"
#include "searcher_pool.h"
#include "tracuu/indexer/change_log.h"

namespace tracuu::server {

// Searches; a request the user must fix (QueryError) becomes its 400 HttpError.
indexer::SearchResult run_search(indexer::Searcher& s, const indexer::SearchRequest& r);

// What an endpoint is given of its request.
struct Request {
  std::string_view rest;  // the path after the route's prefix ("" for exact routes)
  const Params& params;
};

// Endpoints throw HttpError for the client's mistakes and let the index's errors through (see
// http_error.h). A request takes one index handle on its first use and keeps it to the end:
// call finish_request() on the same thread once the reply is made.
class Endpoints {
 public:
  Endpoints(SearcherPool& searchers, const Metrics& metrics, const ResponseCache* cache,
            std::filesystem::path web_dir, Log& log);

  Reply healthz(const Request& r);
  Reply metrics(const Request& r);
  Reply api_search(const Request& r);
  Reply api_document(const Request& r);
  Reply api_cited_document(const Request& r);
  Reply api_suggest(const Request& r);
  Reply api_facets(const Request& r);
  Reply page_search(const Request& r);
  Reply page_document(const Request& r);
  Reply page_cited_document(const Request& r);
  Reply static_file(const Request& r);
  Reply original_file(const Request& r);
  Reply api_changes(const Request& r);
  Reply not_found(const Request& r);
  // Following and exporting (endpoints_follow.cc).
  Reply feed(const Request& r);
  Reply export_csv(const Request& r);

  using Endpoint = Reply (Endpoints::*)(const Request&);
  // Runs `endpoint`; when the index changed under its handle mid-read (a writer's commit
  // overwrote what it was reading), reopens the handle and runs it once more.
  Reply answer(Endpoint endpoint, const Request& r);

  // Gives back the handle the calling thread's request used; returns the pool's generation the
  // reply was made at (none when no handle was used, or the index has moved on since).
  std::optional<std::uint64_t> finish_request();

 private:
  indexer::Searcher& searcher();
  // /directive/{number}/feed and /directive/{number}/export.csv.
  Reply cited_follow(const std::string& number, bool as_feed);

  SearcherPool& searchers_;
  const Metrics& metrics_;
  const ResponseCache* cache_;  // null when disabled
  const std::filesystem::path web_dir_;
  Log& log_;
  indexer::ChangeLog changes_;
};

}  // namespace tracuu::server
