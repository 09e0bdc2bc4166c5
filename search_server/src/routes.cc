// The route table, in matching order.
#include "routes.h"

#include <array>

namespace tracuu::server {
namespace {

using E = Endpoints;

constexpr std::array kRoutes{
    Route{"/healthz", "/healthz", Match::kExact, true, false, &E::healthz},
    Route{"/metrics", "/metrics", Match::kExact, true, false, &E::metrics},
    Route{"/api/search", "/api/search", Match::kExact, true, true, &E::api_search},
    Route{"/api/documents", "/api/documents/", Match::kUnder, true, true, &E::api_document},
    Route{"/api/directives", "/api/directives/", Match::kUnder, true, true, &E::api_cited_document},
    Route{"/api/suggest", "/api/suggest", Match::kExact, true, true, &E::api_suggest},
    Route{"/api/facets", "/api/facets", Match::kExact, true, true, &E::api_facets},
    Route{"/search", "/", Match::kExact, false, true, &E::page_search},
    Route{"/search", "/search", Match::kExact, false, true, &E::page_search},
    Route{"/feed", "/feed", Match::kExact, false, true, &E::feed},
    Route{"/export.csv", "/export.csv", Match::kExact, false, true, &E::export_csv},
    Route{"/d", "/d/", Match::kUnder, false, true, &E::page_document},
    Route{"/directive", "/directive/", Match::kUnder, false, true, &E::page_cited_document},
    // Originals can be 64 MB: never in the reply cache; their ETag is their SHA-256.
    Route{"/files", "/files/", Match::kUnder, false, false, &E::original_file},
    Route{"/static", "/static/", Match::kPrefix, false, false, &E::static_file},
    Route{"not_found", "/api/", Match::kPrefix, true, false, &E::not_found},
    Route{"not_found", "", Match::kPrefix, false, false, &E::not_found},
};

bool matches(const Route& route, std::string_view path) {
  switch (route.match) {
    case Match::kExact:
      return path == route.path;
    case Match::kUnder:
      return path.size() > route.path.size() && path.starts_with(route.path);
    case Match::kPrefix:
      return path.starts_with(route.path);
  }
  return false;
}

}  // namespace

const Route& find_route(std::string_view path, std::string_view* rest) {
  for (const auto& route : kRoutes) {
    if (!matches(route, path)) continue;
    if (rest)
      *rest = route.match == Match::kExact ? std::string_view() : path.substr(route.path.size());
    return route;
  }
  return kRoutes.back();  // unreachable: the last route matches every path
}

}  // namespace tracuu::server
