// A document opened from a search result, through the real server on the sample: the search's
// words are marked in the text (accentless and document numbers too), and the page leads back to
// the results and on to the neighbouring hits.
#include "server_fixture.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/indexer/index_writer.h"

namespace tracuu::test {
namespace {

class DocumentFromSearch : public ServerFaults {};

bool has(const std::string& page, const std::string& text) {
  return page.find(text) != std::string::npos;
}

std::string unescaped(std::string href) {
  for (std::size_t amp; (amp = href.find("&amp;")) != std::string::npos;) href.replace(amp, 5, "&");
  return href;
}

std::string href_from(const std::string& page, std::size_t at) {
  std::size_t h = at == std::string::npos ? at : page.find("href=\"", at);
  if (h == std::string::npos) return "";
  h += 6;
  return unescaped(page.substr(h, page.find('"', h) - h));
}

// The link of the n-th result on a results page.
std::string hit_link(const std::string& page, int n) {
  return href_from(page, page.find("id=\"hit-" + std::to_string(n) + "\""));
}

// The href of the link whose text starts with `text`.
std::string link_to(const std::string& page, const std::string& text) {
  std::size_t at = page.find("\">" + text);
  return at == std::string::npos ? "" : href_from(page, page.rfind("<a ", at));
}

std::string id_of(const std::string& link) { return link.substr(3, link.find('?') - 3); }

TEST_F(DocumentFromSearch, AResultOpensWithTheWordsMarkedAndLinksToTheNeighbours) {
  auto port = start(options());
  Got results = get(port, "/search?q=dan+van&province=L%C3%A0o+Cai");
  ASSERT_EQ(results.status, 200);
  std::string first = hit_link(results.body, 1);
  std::string second = hit_link(results.body, 2);
  ASSERT_NE(second, "") << "the sample needs two Lào Cai documents on dân vận";
  EXPECT_NE(first.find("&hit=1"), std::string::npos) << first;
  EXPECT_NE(first.find("province=L%C3%A0o%20Cai"), std::string::npos) << "the link keeps filters";

  Got doc = get(port, first);
  ASSERT_EQ(doc.status, 200);
  // Accentless "dan van" marks the accented words of the text.
  EXPECT_TRUE(has(doc.body, "<mark>dân</mark> <mark>vận</mark>") ||
              has(doc.body, "<mark>Dân</mark> <mark>vận</mark>"))
      << "the searched words are marked in the text";
  EXPECT_EQ(link_to(doc.body, "Kết quả tiếp theo"), second);
  EXPECT_FALSE(has(doc.body, "Kết quả trước")) << "the first hit has no previous one";
  std::string back = link_to(doc.body, "Quay lại kết quả tìm kiếm");
  EXPECT_EQ(back.substr(0, back.find('#')), "/search?q=dan%20van&province=L%C3%A0o%20Cai");
  EXPECT_EQ(back.substr(back.find('#')), "#hit-1");

  Got next = get(port, second);
  EXPECT_EQ(id_of(link_to(next.body, "‹ Kết quả trước")), id_of(first));

  // The permalink itself shows the plain text.
  Got plain = get(port, first.substr(0, first.find('?')));
  EXPECT_FALSE(has(plain.body, "<mark>"));
  EXPECT_FALSE(has(plain.body, "Quay lại kết quả tìm kiếm"));
}

TEST_F(DocumentFromSearch, DocumentNumbersAreMarkedInAnyVariant) {
  auto port = start(options());
  auto api = get(port, "/api/search?q=114%2FKL-TW&size=3").json();
  ASSERT_FALSE(api["hits"].empty());
  EXPECT_NE(api["hits"][0]["snippet"].get<std::string>().find("<mark>114-KL/TW</mark>"),
            std::string::npos)
      << api["hits"][0]["snippet"];
  std::string id = api["hits"][0]["id"];
  Got doc = get(port, "/d/" + id + "?q=114%2FKL-TW&hit=1");
  EXPECT_TRUE(has(doc.body, "<mark>114-KL/TW</mark>"));
}

TEST_F(DocumentFromSearch, AHandEditedLinkStillOpensTheDocument) {
  auto port = start(options());
  auto api = get(port, "/api/search?q=d%C3%A2n+v%E1%BA%ADn&size=1").json();
  std::string id = api["hits"][0]["id"];
  for (const char* tail : {"?q=d%C3%A2n&hit=abc", "?q=d%C3%A2n&hit=0", "?q=d%C3%A2n&year=20x&hit=1",
                           "?q=%22&hit=999999999"}) {
    Got doc = get(port, "/d/" + id + tail);
    EXPECT_EQ(doc.status, 200) << tail;
  }
}

// A huge text opened from a result is marked in its first 2 MB only, so it opens as fast as by
// its permalink; the rest is still shown, unmarked.
TEST_F(DocumentFromSearch, AHugeTextIsMarkedInItsFirstTwoMegabytes) {
  std::string text =
      "Văn bản rất dài về mô hình cồng chiêng\nMở đầu: mô hình cồng chiêng ở bản Tả Van.\n";
  while (text.size() < (std::size_t{3} << 20))
    text += "Đoạn nội dung thường lệ của báo cáo tổng hợp, không nhắc lại từ khóa nào.\n";
  text += "Kết thúc: mô hình cồng chiêng được nhân rộng.\n";
  {
    tracuu::indexer::IndexWriter w(db_.string(), {});
    tracuu::corpus::RawDocument raw;
    raw.format = tracuu::corpus::RawDocument::Format::kText;
    raw.origin = "dai.txt";
    raw.content = text;
    w.upsert(tracuu::corpus::Extractor::shared().extract(raw));
    w.commit();
  }
  auto port = start(options());
  auto api = get(port, "/api/search?q=c%E1%BB%93ng+chi%C3%AAng&size=1&exact=1").json();
  ASSERT_EQ(api["total"], 1);
  Got doc = get(port, "/d/" + api["hits"][0]["id"].get<std::string>() +
                          "?q=c%E1%BB%93ng+chi%C3%AAng&exact=1&hit=1");
  ASSERT_EQ(doc.status, 200);
  EXPECT_TRUE(has(doc.body, "Mở đầu: mô hình <mark>cồng</mark> <mark>chiêng</mark>"));
  EXPECT_TRUE(has(doc.body, "Kết thúc: mô hình cồng chiêng được nhân rộng."))
      << "past 2 MB the text is shown unmarked";
}

}  // namespace
}  // namespace tracuu::test
