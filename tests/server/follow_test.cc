// Following and taking away results: Atom feeds and CSV exports of a search and of a directive's
// citing documents, through the real server on the sample corpus.
#include <pugixml.hpp>

#include "csv_export.h"
#include "server_fixture.h"

namespace tracuu::test {
namespace {

std::string header(const Got& g, const std::string& name) { return g.raw.get(name, ""); }

Got get_with(std::uint16_t port, const std::string& uri, const std::string& name,
             const std::string& value) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Poco::Net::HTTPRequest req("GET", uri, Poco::Net::HTTPMessage::HTTP_1_1);
  req.set(name, value);
  session.sendRequest(req);
  Got g;
  Poco::StreamCopier::copyToString(session.receiveResponse(g.raw), g.body);
  g.status = g.raw.getStatus();
  return g;
}

struct Entry {
  std::string id, link, updated;
};

// The feed parsed by a real XML parser: a feed that is not well-formed XML fails here.
std::vector<Entry> entries_of(const std::string& xml) {
  pugi::xml_document doc;
  auto parsed = doc.load_string(xml.c_str());
  EXPECT_TRUE(parsed) << parsed.description();
  std::vector<Entry> out;
  for (auto e : doc.child("feed").children("entry"))
    out.push_back(
        {e.child_value("id"), e.child("link").attribute("href").value(), e.child_value("updated")});
  return out;
}

class Follow : public ServerFaults {};

TEST_F(Follow, SearchFeedListsTheNewestMatchesWithWorkingLinks) {
  auto port = start(options());
  auto total = get(port, "/api/search?q=d%C3%A2n+v%E1%BA%ADn").json()["total"].get<std::size_t>();
  Got feed = get(port, "/feed?q=d%C3%A2n+v%E1%BA%ADn");
  ASSERT_EQ(feed.status, 200);
  EXPECT_EQ(feed.raw.getContentType(), "application/atom+xml; charset=utf-8");
  auto entries = entries_of(feed.body);
  EXPECT_EQ(entries.size(), std::min<std::size_t>(total, 50));
  ASSERT_GT(entries.size(), 3u);
  // Newest first, as the search sorted by date lists them (undated documents last).
  auto by_date = get(port, "/api/search?q=d%C3%A2n+v%E1%BA%ADn&sort=date&size=50").json()["hits"];
  for (std::size_t i = 0; i < entries.size() && i < by_date.size(); ++i)
    EXPECT_EQ(entries[i].link, "/d/" + by_date[i]["id"].get<std::string>()) << i;
  EXPECT_GE(entries[0].updated, entries[1].updated);
  EXPECT_EQ(get(port, entries.front().link).status, 200);
  EXPECT_EQ(get(port, "/feed?from=2020-13-45").status, 400);
}

TEST_F(Follow, DirectiveFeedAndExportCountWhatTheSearchCounts) {
  auto port = start(options());
  auto total = get(port, "/api/search?directive=114-KL%2FTW").json()["total"].get<std::size_t>();
  ASSERT_GT(total, 5u);
  EXPECT_EQ(entries_of(get(port, "/directive/114-KL%2FTW/feed").body).size(), total);
  Got csv = get(port, "/directive/114-kl%2Ftw/export.csv");  // any variant of the number
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.raw.getContentType(), "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF")) << "Excel needs the BOM to read UTF-8";
  EXPECT_NE(header(csv, "Content-Disposition").find("114-KL-TW.csv"), std::string::npos);
  EXPECT_EQ(header(csv, "X-Total-Count"), std::to_string(total));
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = csv.body.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  EXPECT_EQ(lines, total + 1);  // the header row and one row per citing document
  EXPECT_EQ(get(port, "/directive/999-XX%2FYY/feed").status, 404);
}

TEST_F(Follow, SearchExportHasEveryMatchInTheSearchOrder) {
  auto port = start(options());
  auto api = get(port, "/api/search?q=k%E1%BA%BF+ho%E1%BA%A1ch&size=100").json();
  Got csv = get(port, "/export.csv?q=k%E1%BA%BF+ho%E1%BA%A1ch&page=3");  // the page is ignored
  ASSERT_EQ(csv.status, 200);
  std::vector<std::string> ids;
  std::istringstream rows(csv.body);
  std::string row;
  std::getline(rows, row);  // header
  while (std::getline(rows, row)) ids.push_back(row.substr(0, row.find(',')));
  ASSERT_EQ(ids.size(), api["total"].get<std::size_t>());
  for (std::size_t i = 0; i < ids.size() && i < api["hits"].size(); ++i)
    EXPECT_EQ(ids[i], api["hits"][i]["id"]) << i;
}

TEST_F(Follow, FeedReadersPollingWithIfModifiedSinceSeeNewDocuments) {
  auto port = start(options());
  const std::string uri = "/directive/114-KL%2FTW/feed";
  Got first = get(port, uri);
  std::string modified = header(first, "Last-Modified");
  ASSERT_FALSE(modified.empty());
  EXPECT_EQ(get_with(port, uri, "If-Modified-Since", modified).status, 304);
  EXPECT_EQ(get_with(port, uri, "If-None-Match", header(first, "ETag")).status, 304);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // HTTP dates count seconds
  {
    tracuu::indexer::IndexWriter w(db_.string(), {});
    auto d = note("bao-cao-moi", "kết quả thực hiện Kết luận 114-KL/TW năm nay");
    d.citations.push_back({});
    d.citations.back().number = "114-KL/TW";
    d.date = "2026-11-30";
    w.upsert(d);
    w.commit();
  }
  Got after = get_with(port, uri, "If-Modified-Since", modified);
  ASSERT_EQ(after.status, 200);
  auto entries = entries_of(after.body);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().link, "/d/bao-cao-moi");
}

TEST_F(Follow, PagesOfferTheFeedAndTheExport) {
  auto port = start(options());
  Got page = get(port, "/search?q=d%C3%A2n+v%E1%BA%ADn&year=2016");
  EXPECT_NE(page.body.find("<link rel=\"alternate\" type=\"application/atom+xml\" "
                           "href=\"/feed?q=d%C3%A2n%20v%E1%BA%ADn&amp;year=2016\""),
            std::string::npos);
  EXPECT_NE(page.body.find("href=\"/export.csv?q=d%C3%A2n%20v%E1%BA%ADn&amp;year=2016\""),
            std::string::npos);
  Got directive = get(port, "/directive/114-KL%2FTW");
  EXPECT_NE(directive.body.find("href=\"/directive/114-KL%2FTW/export.csv\""), std::string::npos);
}

TEST(CsvExport, QuotesWhatMustBeQuotedAndDisarmsFormulas) {
  EXPECT_EQ(server::csv_field("Hà Nội"), "Hà Nội");
  EXPECT_EQ(server::csv_field("Kế hoạch, báo cáo"), "\"Kế hoạch, báo cáo\"");
  EXPECT_EQ(server::csv_field("“dân vận” \"khéo\""), "\"“dân vận” \"\"khéo\"\"\"");
  EXPECT_EQ(server::csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(server::csv_field("@SUM(A1)"), "'@SUM(A1)");
}

}  // namespace
}  // namespace tracuu::test
