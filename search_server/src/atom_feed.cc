// Atom XML written directly: a feed is a flat list, and every text goes through the escaper.
#include "atom_feed.h"

#include <ctime>

#include "pages.h"
#include "tracuu/corpus/document_types.h"

namespace tracuu::server {
namespace {

std::string format_utc(std::chrono::system_clock::time_point t, const char* format) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char out[64];
  std::strftime(out, sizeof out, format, &tm);
  return out;
}

// A tag URI (RFC 4151): stable for as long as the search or the document exists.
std::string tag_of(const std::string& path) { return "tag:tracuu,2026:" + html_escape(path); }

std::string entry(const indexer::Hit& hit, const std::string& fallback_updated) {
  const std::string link = "/d/" + url_encode(hit.id);
  std::string out = "<entry><title>" + html_escape(hit.title) + "</title><id>" + tag_of(link) +
                    "</id><link rel=\"alternate\" type=\"text/html\" href=\"" + html_escape(link) +
                    "\"/><updated>";
  out += hit.date ? *hit.date + "T00:00:00Z" : fallback_updated;
  out += "</updated>";
  if (!hit.type.empty())
    out += "<category term=\"" + html_escape(hit.type) + "\" label=\"" +
           html_escape(std::string(corpus::type_label(hit.type))) + "\"/>";
  // The snippet is already HTML (matches in <mark>): escaped once more as Atom's html content.
  if (!hit.snippet.empty())
    out += "<summary type=\"html\">" + html_escape(hit.snippet) + "</summary>";
  return out + "</entry>\n";
}

}  // namespace

std::string rfc3339(std::chrono::system_clock::time_point t) {
  return format_utc(t, "%Y-%m-%dT%H:%M:%SZ");
}

std::string http_date(std::chrono::system_clock::time_point t) {
  return format_utc(t, "%a, %d %b %Y %H:%M:%S GMT");
}

std::string atom_feed(const FeedHead& head, const std::vector<indexer::Hit>& entries) {
  const std::string updated = rfc3339(head.updated);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n<title>" +
      html_escape(head.title) + "</title>\n<id>" + tag_of(head.self) + "</id>\n" +
      "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + html_escape(head.self) +
      "\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"" + html_escape(head.alternate) +
      "\"/>\n<updated>" + updated +
      "</updated>\n<author><name>tracuu</name></author>\n<generator>tracuu</generator>\n";
  for (const auto& hit : entries) out += entry(hit, updated);
  return out + "</feed>\n";
}

}  // namespace tracuu::server
