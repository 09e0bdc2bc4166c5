// Atom feeds (RFC 4287) of a search or of a cited document's citing documents, newest first, so
// staff and journalists can follow a topic or a directive in any feed reader.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "tracuu/indexer/search_result.h"

namespace tracuu::server {

struct FeedHead {
  std::string title;      // "tracuu · dân vận khéo"
  std::string self;       // the feed's own path and query: "/feed?q=..."
  std::string alternate;  // the page it follows: "/search?q=..."
  // When the index last changed: the feed's <updated>, and that of entries without a date.
  std::chrono::system_clock::time_point updated;
};

// Links are absolute paths ("/d/ID"), which readers resolve against the feed's own URL, so the
// feed is right behind any host name or reverse proxy.
std::string atom_feed(const FeedHead& head, const std::vector<indexer::Hit>& entries);

// RFC 3339 in UTC ("2026-12-02T09:30:00Z") and the HTTP date (RFC 9110: "Wed, 02 Dec 2026
// 09:30:00 GMT") of a time.
std::string rfc3339(std::chrono::system_clock::time_point t);
std::string http_date(std::chrono::system_clock::time_point t);

}  // namespace tracuu::server
