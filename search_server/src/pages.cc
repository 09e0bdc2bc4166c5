// HTML rendering of the search, document and cited-document (/directive/) pages, all labels in
// Vietnamese.
#include "pages.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "original_link.h"
#include "tracuu/corpus/citation_relation.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/corpus/provinces.h"
#include "tracuu/indexer/highlight.h"

namespace tracuu::server {
namespace {

std::string layout(const std::string& title, const std::string& description,
                   const std::string& body, const std::string& query = "",
                   const std::string& og_type = "website", const std::string& feed = "") {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    << "<title>" << html_escape(title) << " — Tra cứu</title>"
    << "<meta name=\"description\" content=\"" << html_escape(description) << "\">"
    << "<meta property=\"og:title\" content=\"" << html_escape(title) << "\">"
    << "<meta property=\"og:description\" content=\"" << html_escape(description) << "\">"
    << "<meta property=\"og:type\" content=\"" << og_type << "\">"
    << "<meta property=\"og:site_name\" content=\"Tra cứu văn bản chính sách\">"
    << "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">"
    << "<link rel=\"stylesheet\" href=\"/static/style.css\">"
    << (feed.empty() ? ""
                     : "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"" +
                           html_escape(feed) + "\" title=\"Theo dõi (Atom)\">")
    << "<script type=\"module\" src=\"/static/app.js\"></script></head><body>"
    << "<a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>"
    << "<header class=\"top\"><a class=\"brand\" href=\"/\">Tra cứu <span>văn bản chính "
       "sách</span></a>"
    << "<form class=\"searchbox\" action=\"/search\" method=\"get\" role=\"search\">"
    << "<label for=\"q\" class=\"visually-hidden\">Từ khóa tìm kiếm</label>"
    << "<input id=\"q\" name=\"q\" type=\"search\" value=\"" << html_escape(query)
    << "\" placeholder=\"Ví dụ: dân vận chính quyền, Kết luận 114-KL/TW\" autocomplete=\"off\">"
    << "<button type=\"submit\">Tìm kiếm</button>"
    << "<p class=\"hint\">Có thể gõ không dấu. Nhấn <kbd>/</kbd> để tìm.</p></form></header>"
    << "<main id=\"main\">" << body << "</main>"
    << "<footer class=\"bottom\">tracuu — công cụ tra cứu văn bản chỉ đạo, kết luận, nghị quyết và "
       "tin bài dẫn chiếu.</footer>"
    << "</body></html>\n";
  return o.str();
}

std::string date_vi(const std::optional<std::string>& iso) {
  if (!iso || iso->size() < 10) return "không rõ ngày";
  return iso->substr(8, 2) + "/" + iso->substr(5, 2) + "/" + iso->substr(0, 4);
}

// 20043 -> "20.043": Vietnamese groups thousands with dots.
std::string number_vi(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out;
}

// A hit's date, marked when it is an estimate (the document states none).
std::string hit_date_vi(const indexer::Hit& h) {
  return date_vi(h.date) + (h.date_estimated ? " (ước tính)" : "");
}

// A link to the page of a cited document (its URL says /directive/, whatever its type).
std::string directive_link(const std::string& number) {
  return "<a class=\"badge cite\" href=\"/directive/" + url_encode(number) + "\">" +
         html_escape(number) + "</a>";
}

// The documents a document cites, each linked to its page with what the text says of it.
std::string cited_list(const corpus::Document& doc) {
  if (doc.citations.empty()) return "";
  std::ostringstream o;
  o << "<h2>Văn bản được dẫn chiếu</h2><ul class=\"citations\">";
  for (const auto& c : doc.citations) {
    o << "<li>" << directive_link(c.number);
    if (c.type) o << " " << html_escape(*c.type);
    if (c.issuer) o << " của " << html_escape(*c.issuer);
    if (c.date) o << ", ngày " << date_vi(c.date);
    if (c.subject) o << "<br><span class=\"muted\">" << html_escape(*c.subject) << "</span>";
    if (c.from_archive)
      o << "<br><span class=\"muted\">Bài chỉ ghi tên gọi tắt; số hiệu đầy đủ được xác định từ "
           "kho văn bản (chỉ có một văn bản mang số này).</span>";
    o << "</li>";
  }
  o << "</ul>";
  return o.str();
}

// A result's link: the document with the search that found it (see FromSearch).
std::string document_link(const std::string& id, const std::string& search_params,
                          std::size_t rank) {
  return "/d/" + url_encode(id) + search_params + "&hit=" + std::to_string(rank);
}

// `rank` (from 1) when the hit is one of a search's results: its link then carries the search.
std::string hit_html(const indexer::Hit& h, std::size_t rank = 0,
                     const std::string& search_params = "") {
  std::ostringstream o;
  o << "<li class=\"hit\"";
  if (rank) o << " id=\"hit-" << rank << "\"";
  o << "><h3><a href=\""
    << html_escape(rank ? document_link(h.id, search_params, rank) : "/d/" + url_encode(h.id))
    << "\">" << html_escape(h.title) << "</a></h3><p class=\"meta\"><span>" << hit_date_vi(h)
    << "</span>"
    << "<span class=\"badge type\">" << html_escape(corpus::type_label(h.type)) << "</span>";
  if (h.primary_province)
    o << "<span class=\"badge place\">" << html_escape(*h.primary_province) << "</span>";
  for (std::size_t i = 0; i < h.citations.size() && i < 4; ++i) o << directive_link(h.citations[i]);
  o << "</p>";
  if (!h.snippet.empty())
    o << "<p class=\"snippet\">" << h.snippet << "</p>";  // escaped by the indexer
  o << "</li>";
  return o.str();
}

// Query string for the current search with one parameter changed.
std::string search_url(const indexer::SearchRequest& r, std::size_t page, const std::string& sort) {
  std::string q = "/search?q=" + url_encode(r.query);
  for (const auto& p : r.provinces) q += "&province=" + url_encode(p);
  for (const auto& d : r.cited_numbers) q += "&directive=" + url_encode(d);
  for (const auto& t : r.types) q += "&type=" + url_encode(t);
  for (const auto& y : r.years) q += "&year=" + url_encode(y);
  if (r.from) q += "&from=" + url_encode(*r.from);
  if (r.to) q += "&to=" + url_encode(*r.to);
  if (sort != "relevance") q += "&sort=" + sort;
  if (page > 1) q += "&page=" + std::to_string(page);
  if (r.exact) q += "&exact=1";
  return q;
}

// The sort the page shows: browsing without words lists the newest first, and the sort box says
// so.
std::string shown_sort(const indexer::SearchRequest& r) {
  return r.sort == indexer::SortOrder::kDate || r.query.empty() ? "date" : "relevance";
}

// The search's parameters as a query string ("?q=...&province=..."), for links that carry it.
std::string search_params(const indexer::SearchRequest& r, const std::string& sort) {
  return search_url(r, 1, sort).substr(std::string("/search").size());
}

indexer::SearchRequest with_query(indexer::SearchRequest r, const std::string& query) {
  r.query = query;
  return r;
}

// What the search did when every word as typed found less than a page, with the way back to the
// strict search; and "did you mean" unless that is what was searched for.
std::string correction_notice(const indexer::SearchResult& res, const indexer::SearchRequest& r,
                              const std::string& sort) {
  std::ostringstream o;
  if (res.relaxed && res.showing_for) {
    indexer::SearchRequest exact = r;
    exact.exact = true;
    o << "<p class=\"suggestion relaxed\">Hiển thị kết quả cho <b>" << html_escape(*res.showing_for)
      << "</b> (không bắt buộc đủ mọi từ); tìm chính xác <a href=\""
      << html_escape(search_url(exact, 1, sort)) << "\">" << html_escape(r.query) << "</a></p>";
  }
  if (res.suggestion && res.suggestion != res.showing_for)
    o << "<p class=\"suggestion\">Có phải bạn muốn tìm: <a href=\""
      << html_escape(search_url(with_query(r, *res.suggestion), 1, sort)) << "\">"
      << html_escape(*res.suggestion) << "</a>?</p>";
  return o.str();
}

// Links to follow a result list in a feed reader and to take it away as a spreadsheet.
std::string follow_links(const std::string& feed, const std::string& csv) {
  return "<p class=\"follow\"><a href=\"" + html_escape(feed) +
         "\" type=\"application/atom+xml\">Theo dõi (Atom)</a> · <a href=\"" + html_escape(csv) +
         "\" type=\"text/csv\" download>Tải bảng CSV</a></p>";
}

std::string facet_option(const char* param, const std::string& value, std::size_t count, bool on,
                         bool label_types) {
  std::ostringstream o;
  o << "<label><input type=\"checkbox\" name=\"" << param << "\" value=\"" << html_escape(value)
    << "\"" << (on ? " checked" : "") << "> "
    << html_escape(label_types ? corpus::type_label(value) : std::string_view(value))
    << " <span class=\"count\">" << count << "</span></label>";
  return o.str();
}

// The 12 most frequent values, the rest under "Xem thêm"; a chosen value is always there,
// checked, even when the search no longer finds it (count 0), so the form never drops it.
std::string facet_box(const char* legend, const char* param, const indexer::FacetCounts& counts,
                      const std::vector<std::string>& selected, bool label_types = false) {
  constexpr std::size_t kShown = 12;
  auto chosen = [&](const std::string& v) {
    return std::find(selected.begin(), selected.end(), v) != selected.end();
  };
  std::ostringstream o, more;
  o << "<fieldset class=\"facet\"><legend>" << legend << "</legend>";
  if (counts.empty() && selected.empty()) o << "<p class=\"muted\">Không có</p>";
  for (const auto& v : selected)
    if (std::none_of(counts.begin(), counts.end(), [&](const auto& c) { return c.first == v; }))
      o << facet_option(param, v, 0, true, label_types);
  std::size_t n = 0, hidden = 0;
  for (const auto& [value, count] : counts) {
    bool shown = ++n <= kShown || chosen(value);
    (shown ? o : more) << facet_option(param, value, count, chosen(value), label_types);
    hidden += shown ? 0 : 1;
  }
  if (hidden > 0)
    o << "<details class=\"more\"><summary>Xem thêm (" << hidden << ")</summary>" << more.str()
      << "</details>";
  o << "</fieldset>";
  return o.str();
}

// The filters in force, each removable, and "Xóa bộ lọc": shown whatever the results, so a
// search that found nothing can always be widened again.
std::string active_filters(const indexer::SearchRequest& r, const std::string& sort) {
  std::vector<std::pair<std::string, indexer::SearchRequest>> chips;
  auto each = [&](std::vector<std::string> indexer::SearchRequest::*field, const std::string& label,
                  bool type_labels) {
    for (std::size_t i = 0; i < (r.*field).size(); ++i) {
      indexer::SearchRequest without = r;
      (without.*field).erase((without.*field).begin() + static_cast<std::ptrdiff_t>(i));
      const std::string& v = (r.*field)[i];
      chips.push_back(
          {label + ": " + std::string(type_labels ? corpus::type_label(v) : v), without});
    }
  };
  each(&indexer::SearchRequest::provinces, "Tỉnh/thành", false);
  each(&indexer::SearchRequest::cited_numbers, "Văn bản", false);
  each(&indexer::SearchRequest::types, "Loại", true);
  each(&indexer::SearchRequest::years, "Năm", false);
  for (auto bound : {&indexer::SearchRequest::from, &indexer::SearchRequest::to}) {
    if (!(r.*bound)) continue;
    indexer::SearchRequest without = r;
    (without.*bound).reset();
    chips.push_back(
        {std::string(bound == &indexer::SearchRequest::from ? "Từ ngày " : "Đến ngày ") +
             date_vi(r.*bound),
         without});
  }
  if (chips.empty()) return "";
  std::ostringstream o;
  o << "<ul class=\"chips\" aria-label=\"Bộ lọc đang dùng\">";
  for (const auto& [label, without] : chips)
    o << "<li><a href=\"" << html_escape(search_url(without, 1, sort)) << "\" aria-label=\"Bỏ "
      << html_escape(label) << "\">" << html_escape(label)
      << " <span aria-hidden=\"true\">×</span></a></li>";
  indexer::SearchRequest none;
  none.query = r.query;
  o << "<li><a class=\"clear\" href=\"" << html_escape(search_url(none, 1, sort))
    << "\">Xóa bộ lọc</a></li></ul>";
  return o.str();
}

// A bar chart as inline SVG: one bar per label, value labels on top.
std::string bar_chart_svg(const std::vector<std::pair<std::string, std::size_t>>& bars,
                          const std::string& title) {
  if (bars.empty()) return "<p class=\"muted\">Chưa có dữ liệu.</p>";
  std::size_t max = 1;
  for (const auto& b : bars) max = std::max(max, b.second);
  const int bar_w = 34, gap = 10, height = 160, top = 20, bottom = 24;
  int width = static_cast<int>(bars.size()) * (bar_w + gap) + gap;
  std::ostringstream o;
  o << "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 " << width << " " << height + top + bottom
    << "\" width=\"" << width << "\" aria-label=\"" << html_escape(title) << "\"><title>"
    << html_escape(title) << "</title>";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    int h =
        static_cast<int>(static_cast<double>(bars[i].second) / static_cast<double>(max) * height);
    int x = gap + static_cast<int>(i) * (bar_w + gap);
    o << "<rect x=\"" << x << "\" y=\"" << top + height - h << "\" width=\"" << bar_w
      << "\" height=\"" << h << "\" rx=\"3\"><title>" << html_escape(bars[i].first) << ": "
      << bars[i].second << " văn bản</title></rect>"
      << "<text class=\"v\" x=\"" << x + bar_w / 2 << "\" y=\"" << top + height - h - 5 << "\">"
      << bars[i].second << "</text>"
      << "<text class=\"l\" x=\"" << x + bar_w / 2 << "\" y=\"" << top + height + 16 << "\">"
      << html_escape(bars[i].first) << "</text>";
  }
  o << "</svg>";
  return o.str();
}

// "Các văn bản dẫn chiếu: Triển khai thực hiện (12) · Sơ kết (5) · Nhắc đến (40)".
std::string relations_html(const indexer::CitedDocument& r) {
  if (r.per_relation.empty()) return "";
  std::vector<std::pair<std::string, std::size_t>> kinds;
  std::size_t mentions = 0;
  for (const auto& [slug, n] : r.per_relation) {
    if (slug.empty())
      mentions = n;
    else
      kinds.emplace_back(corpus::relation_label(slug), n);
  }
  std::stable_sort(kinds.begin(), kinds.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (mentions) kinds.emplace_back("Nhắc đến", mentions);
  std::ostringstream o;
  o << "<p class=\"relations\"><span class=\"muted\">Các văn bản dẫn chiếu: </span>";
  for (std::size_t i = 0; i < kinds.size(); ++i)
    o << (i ? " · " : "") << html_escape(kinds[i].first) << " (" << kinds[i].second << ")";
  o << "</p>";
  return o.str();
}

std::size_t cell_count(const std::map<std::string, std::map<std::string, std::size_t>>& cells,
                       const std::string& province, const std::string& year) {
  auto row = cells.find(province);
  if (row == cells.end()) return 0;
  auto cell = row->second.find(year);
  return cell == row->second.end() ? 0 : cell->second;
}

// Which province cited it in which year: a row per province (most citing first), a column per
// year, a dot sized by the number of documents, linking to them. Answers "which provinces reported
// on it, when". A table, not a drawing: on a phone the years scroll while the province names stay
// (a sticky first column), and a screen reader reads it cell by cell.
std::string province_year_table(
    const std::map<std::string, std::map<std::string, std::size_t>>& cells,
    const std::vector<std::string>& provinces, const std::vector<std::string>& years,
    const std::string& number, const std::string& title) {
  if (provinces.empty() || years.empty()) return "";
  std::size_t max = 1;
  for (const auto& [p, ys] : cells)
    for (const auto& [y, n] : ys) max = std::max(max, n);
  std::ostringstream o;
  o << "<table class=\"matrix\"><caption class=\"visually-hidden\">" << html_escape(title)
    << "</caption><thead><tr><th scope=\"col\">Tỉnh/thành phố</th>";
  for (const auto& y : years) o << "<th scope=\"col\">" << html_escape(y) << "</th>";
  o << "</tr></thead><tbody>";
  for (const auto& province : provinces) {
    o << "<tr><th scope=\"row\">" << html_escape(province) << "</th>";
    for (const auto& y : years) {
      o << "<td>";
      if (std::size_t n = cell_count(cells, province, y)) {
        int size =
            7 + static_cast<int>(15 * std::sqrt(static_cast<double>(n) / static_cast<double>(max)));
        o << "<a class=\"dot\" style=\"width:" << size << "px;height:" << size
          << "px\" href=\"/search?directive=" << url_encode(number)
          << "&amp;province=" << url_encode(province) << "&amp;year=" << url_encode(y)
          << "\" title=\"" << html_escape(province) << ", " << html_escape(y) << ": " << n
          << " văn bản\"><span class=\"visually-hidden\">" << html_escape(province) << ", "
          << html_escape(y) << ": " << n << " văn bản</span></a>";
      }
      o << "</td>";
    }
    o << "</tr>";
  }
  o << "</tbody></table>";
  return o.str();
}

// " (2)" with two filters in force: the phone's link to the filters says they are there.
std::string active_count(const indexer::SearchRequest& r) {
  std::size_t n = r.provinces.size() + r.cited_numbers.size() + r.types.size() + r.years.size() +
                  (r.from ? 1 : 0) + (r.to ? 1 : 0);
  return n ? " (" + std::to_string(n) + ")" : "";
}

}  // namespace

std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string render_search(const SearchPage& page) {
  const auto& r = page.request;
  const auto& res = page.result;
  std::ostringstream o;
  const std::string sort = shown_sort(r);
  o << "<div class=\"layout\"><form class=\"filters\" id=\"bo-loc\" action=\"/search\" "
       "method=\"get\" aria-label=\"Bộ lọc\">"
    << "<a class=\"skip-filters\" href=\"#ket-qua\">Bỏ qua bộ lọc, đến kết quả</a>"
    << "<input type=\"hidden\" name=\"q\" value=\"" << html_escape(r.query) << "\">"
    << "<h2 class=\"visually-hidden\">Bộ lọc</h2>";
  auto facet = [&](const char* name) -> const indexer::FacetCounts& {
    static const indexer::FacetCounts kEmpty;
    auto it = res.facets.find(name);
    return it == res.facets.end() ? kEmpty : it->second;
  };
  // Each facet's box submits the request parameter of the same name.
  o << facet_box("Tỉnh/thành phố", indexer::kProvinceFacet, facet(indexer::kProvinceFacet),
                 r.provinces)
    << facet_box("Văn bản được dẫn chiếu", indexer::kCitedFacet, facet(indexer::kCitedFacet),
                 r.cited_numbers)
    << facet_box("Loại văn bản", indexer::kTypeFacet, facet(indexer::kTypeFacet), r.types, true);
  o << facet_box("Năm", indexer::kYearFacet, facet(indexer::kYearFacet), r.years);
  o << "<fieldset class=\"facet\"><legend>Khoảng thời gian</legend>"
    << "<label>Từ ngày <input type=\"date\" name=\"from\" value=\""
    << html_escape(r.from.value_or(""))
    << "\"></label><label>Đến ngày <input type=\"date\" name=\"to\" value=\""
    << html_escape(r.to.value_or("")) << "\"></label></fieldset>"
    << "<fieldset class=\"facet\"><legend>Sắp xếp</legend><label for=\"sort\" "
       "class=\"visually-hidden\">Sắp xếp theo</label>"
    << "<select id=\"sort\" name=\"sort\"><option value=\"relevance\""
    << (sort == "relevance" ? " selected" : "") << ">Liên quan nhất</option><option value=\"date\""
    << (sort == "date" ? " selected" : "") << ">Mới nhất</option></select></fieldset>"
    << "<button type=\"submit\" class=\"apply\">Áp dụng bộ lọc</button></form>";
  o << "<section class=\"results\" id=\"ket-qua\" aria-live=\"polite\">"
    << "<a class=\"to-filters\" href=\"#bo-loc\">Bộ lọc" << active_count(r) << "</a>";
  if (!page.error.empty()) {
    o << "<p class=\"error\" role=\"alert\">" << html_escape(page.error) << "</p>";
  } else {
    // Xapian estimates totals above the facet sample: say so ("Khoảng 3.000 kết quả").
    o << "<h1 class=\"count\">" << (res.total_exact ? "" : "Khoảng ") << "<span data-total=\""
      << res.total << "\">" << number_vi(res.total) << "</span> kết quả";
    // A quoted phrase keeps its own quotes, not ours around them.
    if (!r.query.empty())
      o << " cho "
        << (r.query.find('"') == std::string::npos ? "“" + html_escape(r.query) + "”"
                                                   : html_escape(r.query));
    o << "</h1>" << active_filters(r, sort);
    const std::string params = search_params(r, sort);
    o << follow_links("/feed" + params, "/export.csv" + params);
    o << correction_notice(res, r, sort);
    o << "<h2 class=\"visually-hidden\">Danh sách kết quả</h2><ol class=\"hits\" start=\""
      << (page.page - 1) * page.size + 1 << "\">";
    std::size_t rank = (page.page - 1) * page.size;
    for (const auto& h : res.hits) o << hit_html(h, ++rank, params);
    o << "</ol>";
    std::size_t pages = (res.total + page.size - 1) / std::max<std::size_t>(1, page.size);
    if (pages > 1) {
      o << "<nav class=\"pager\" aria-label=\"Phân trang\">";
      if (page.page > 1)
        o << "<a rel=\"prev\" href=\"" << html_escape(search_url(r, page.page - 1, sort))
          << "\">‹ Trang trước</a>";
      o << "<span>Trang " << page.page << "/" << pages << "</span>";
      if (page.page < pages)
        o << "<a rel=\"next\" href=\"" << html_escape(search_url(r, page.page + 1, sort))
          << "\">Trang sau ›</a>";
      o << "</nav>";
    }
  }
  o << "</section></div>";
  std::string title = r.query.empty() ? "Tra cứu văn bản chính sách" : r.query;
  return layout(title, "Tìm kiếm văn bản chỉ đạo, kết luận, nghị quyết và tin bài dẫn chiếu.",
                o.str(), r.query, "website", "/feed" + search_params(r, sort));
}

// A reader must know when the text is a machine's reading of a scan: check the original.
std::string ocr_badge(const corpus::Document& doc) {
  if (!doc.ocr) return "";
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.1f", doc.ocr->mean_confidence);
  std::string c = confidence;
  std::replace(c.begin(), c.end(), '.', ',');  // 91,5 %
  return "<p class=\"badge ocr\" role=\"note\" title=\"Văn bản được nhận dạng tự động từ ảnh quét "
         "(" +
         std::to_string(doc.ocr->pages) +
         " trang): hãy đối chiếu với bản gốc.\">"
         "Văn bản nhận dạng từ ảnh · độ tin cậy " +
         c + "%</p>";
}

namespace {

// A paragraph read from a PDF opens its page of the original in the browser's viewer.
std::string page_link(const std::string& id, int page) {
  std::string n = std::to_string(page);
  return " <a class=\"page\" href=\"/files/" + url_encode(id) + "#page=" + n +
         "\" title=\"Xem trang " + n + " của bản gốc\">tr. " + n + "</a>";
}

}  // namespace

// The text, one permalinked paragraph each; the words of the search it was opened from marked.
std::string paragraphs_html(const corpus::Document& doc, const std::vector<std::string>* marked) {
  // Marking tokenizes the text (~30 MB/s): a document past 2 MB is marked in its first 2 MB only,
  // so opening a huge text from a result stays as quick as opening it by its permalink.
  constexpr std::size_t kMarkedBytes = std::size_t{2} << 20;
  std::size_t marked_so_far = 0;
  std::ostringstream o;
  std::size_t n = 0;
  const bool paged = original_has_pages(doc);
  for (const auto& p : doc.paragraphs) {
    ++n;
    const char* cls = p.kind == corpus::Paragraph::Kind::kCaption   ? "caption"
                      : p.kind == corpus::Paragraph::Kind::kHeading ? "heading"
                                                                    : "para";
    o << "<p id=\"p" << n << "\" class=\"" << cls << "\"";
    if (p.page) o << " data-page=\"" << *p.page << "\"";
    const bool mark = marked && marked_so_far < kMarkedBytes;
    if (mark) marked_so_far += p.text.size();
    o << ">" << (mark ? indexer::highlight(p.text, *marked) : html_escape(p.text))
      << " <a class=\"anchor\" href=\"#p" << n << "\" aria-label=\"Liên kết đến đoạn " << n
      << "\">¶</a>";
    if (p.page && paged) o << page_link(doc.id, *p.page);
    o << "</p>";
  }
  return o.str();
}

// Back to the results (at this hit) and on to the previous and next ones.
std::string search_navigation(const FromSearch& from) {
  const auto& r = from.request;
  const std::string sort = shown_sort(r);
  const std::size_t page_size = 10;  // result links never carry `size`
  const std::string params = search_params(r, sort);
  std::ostringstream o;
  o << "<nav class=\"from-search\" aria-label=\"Kết quả tìm kiếm\">";
  if (from.previous_id)
    o << "<a rel=\"prev\" href=\""
      << html_escape(document_link(*from.previous_id, params, from.hit - 1))
      << "\">‹ Kết quả trước</a>";
  o << "<a class=\"back\" href=\""
    << html_escape(search_url(r, (from.hit - 1) / page_size + 1, sort) + "#hit-" +
                   std::to_string(from.hit))
    << "\">Quay lại kết quả tìm kiếm" << (r.query.empty() ? "" : " “" + html_escape(r.query) + "”")
    << " (kết quả " << from.hit << ")</a>";
  if (from.next_id)
    o << "<a rel=\"next\" href=\""
      << html_escape(document_link(*from.next_id, params, from.hit + 1))
      << "\">Kết quả tiếp theo ›</a>";
  o << "</nav>";
  return o.str();
}

std::string render_document(const corpus::Document& doc, const std::vector<indexer::Hit>& related,
                            const std::string& base_url, const std::optional<FromSearch>& from) {
  std::ostringstream o;
  std::string permalink = base_url + "/d/" + url_encode(doc.id);
  o << "<article class=\"document\" data-permalink=\"" << html_escape(permalink)
    << "\" data-title=\"" << html_escape(doc.title) << "\"><h1>" << html_escape(doc.title)
    << "</h1>" << ocr_badge(doc) << (from ? search_navigation(*from) : "")
    << "<div class=\"doc-layout\"><div class=\"text\">";
  o << paragraphs_html(doc, from ? &from->marked_words : nullptr);
  o << "</div><aside class=\"panel\" aria-label=\"Thông tin văn bản\"><h2>Thông tin</h2><dl>"
    << "<dt>Ngày</dt><dd>" << date_vi(doc.date ? doc.date : doc.date_estimated)
    << (doc.date             ? ""
        : doc.date_estimated ? " (ước tính)"
                             : "")
    << "</dd>"
    << "<dt>Loại</dt><dd>" << html_escape(corpus::type_label(doc.type)) << "</dd>";
  if (doc.header) o << "<dt>Số hiệu</dt><dd>" << directive_link(doc.header->number) << "</dd>";
  if (doc.pages) o << "<dt>Số trang</dt><dd>" << *doc.pages << "</dd>";
  if (doc.header && doc.header->issuer)
    o << "<dt>Cơ quan ban hành</dt><dd>" << html_escape(*doc.header->issuer) << "</dd>";
  if (!doc.provinces.empty()) {
    o << "<dt>Tỉnh/thành phố</dt><dd>";
    for (const auto& p : doc.provinces)
      o << "<a class=\"badge place\" href=\"/search?province=" << url_encode(p) << "\">"
        << html_escape(p) << "</a>";
    o << "</dd>";
  }
  if (doc.province_2025 && doc.primary_province && *doc.province_2025 != *doc.primary_province)
    o << "<dt>Tỉnh sau sắp xếp 2025</dt><dd>" << html_escape(*doc.province_2025) << "</dd>";
  if (!doc.districts.empty()) {
    o << "<dt>Huyện/quận</dt><dd>";
    for (const auto& d : doc.districts) o << html_escape(d) << "<br>";
    o << "</dd>";
  }
  // The last name line of an official text is its signatory, not an author.
  if (doc.author)
    o << "<dt>" << (doc.header ? "Người ký" : "Tác giả") << "</dt><dd>" << html_escape(*doc.author)
      << "</dd>";
  if (doc.source) o << "<dt>Nguồn</dt><dd>" << html_escape(*doc.source) << "</dd>";
  if (doc.url && (doc.url->rfind("http://", 0) == 0 || doc.url->rfind("https://", 0) == 0))
    o << "<dt>Bài gốc</dt><dd><a href=\"" << html_escape(*doc.url)
      << "\" rel=\"nofollow noopener\">" << html_escape(*doc.url) << "</a></dd>";
  if (has_stored_original(doc))
    o << "<dt>Bản gốc</dt><dd><a class=\"original\" href=\"/files/" << url_encode(doc.id) << "\">"
      << html_escape(original_link_label(doc)) << "</a></dd>";
  o << "</dl>";
  o << cited_list(doc);
  o << "<div class=\"share\"><h2>Chia sẻ</h2><button type=\"button\" class=\"copy-link\">Sao chép "
       "liên kết</button>"
    << "<p class=\"copied\" role=\"status\" aria-live=\"polite\"></p>"
    << "<label for=\"wiki-md\">Markdown</label><textarea id=\"wiki-md\" readonly rows=\"2\">["
    << html_escape(doc.title) << "](" << html_escape(permalink) << ")</textarea>"
    << "<label for=\"wiki-mw\">MediaWiki</label><textarea id=\"wiki-mw\" readonly rows=\"2\">["
    << html_escape(permalink) << " " << html_escape(doc.title) << "]</textarea></div>";
  if (!related.empty()) {
    o << "<h2>Văn bản liên quan</h2><ul class=\"related\">";
    for (const auto& h : related)
      o << "<li><a href=\"/d/" << url_encode(h.id) << "\">" << html_escape(h.title)
        << "</a> <span class=\"muted\">" << hit_date_vi(h) << "</span></li>";
    o << "</ul>";
  }
  o << "</aside></div></article>";
  std::string description = doc.text.substr(0, 300);
  return layout(doc.title, description, o.str(), "", "article");
}

namespace {

// Who has not reported: the provinces of the text's day with no citing document in the archive.
std::string not_reported_html(const indexer::CitedDocument& r) {
  std::ostringstream o;
  const bool merged = r.date && *r.date >= corpus::kMergerDate;
  o << "<section><h2>Chưa thấy báo cáo (" << r.not_reported.size() << " tỉnh/thành)</h2>"
    << "<p class=\"muted\">Các tỉnh/thành phố "
    << (merged ? "(34, sau sắp xếp năm 2025)" : "(63, trước sắp xếp năm 2025)")
    << " chưa có văn bản nào trong kho dẫn chiếu " << html_escape(r.number) << ".</p>";
  if (r.not_reported.empty()) return o.str() + "<p>Tất cả đều đã có.</p></section>";
  o << "<ul class=\"not-reported\">";
  for (const auto& name : r.not_reported) o << "<li>" << html_escape(name) << "</li>";
  o << "</ul></section>";
  return o.str();
}

}  // namespace

std::string render_cited_document(const indexer::CitedDocument& r,
                                  const std::optional<corpus::Document>& text) {
  std::ostringstream o;
  std::string heading = r.type.value_or("Văn bản") + " " + r.number;
  o << "<article class=\"directive\"><h1>" << html_escape(heading) << "</h1>";
  if (r.subject) o << "<p class=\"subject\">" << html_escape(*r.subject) << "</p>";
  o << "<dl class=\"record\">";
  if (r.issuer) o << "<dt>Cơ quan ban hành</dt><dd>" << html_escape(*r.issuer) << "</dd>";
  o << "<dt>Ngày ban hành</dt><dd>" << date_vi(r.date) << "</dd>"
    << "<dt>Số văn bản dẫn chiếu</dt><dd>" << r.citing_count << "</dd>";
  if (r.first_cited)
    o << "<dt>Lần đầu được dẫn chiếu</dt><dd>" << date_vi(r.first_cited) << "</dd>";
  if (r.last_cited) o << "<dt>Gần nhất</dt><dd>" << date_vi(r.last_cited) << "</dd>";
  if (text)
    o << "<dt>Toàn văn</dt><dd><a href=\"/d/" << url_encode(text->id) << "\">Xem toàn văn</a></dd>";
  o << "</dl>" << relations_html(r);
  // Timeline: every year from the first to the last citing year, zeros included.
  std::vector<std::pair<std::string, std::size_t>> years;
  if (!r.per_year.empty()) {
    int first = std::stoi(r.per_year.begin()->first), last = std::stoi(r.per_year.rbegin()->first);
    for (int y = first; y <= last && last - first < 60; ++y) {
      auto it = r.per_year.find(std::to_string(y));
      years.push_back({std::to_string(y), it == r.per_year.end() ? 0 : it->second});
    }
  }
  o << "<section><h2>Số văn bản dẫn chiếu theo năm</h2>"
    << bar_chart_svg(years, "Số văn bản dẫn chiếu " + r.number + " theo năm") << "</section>";
  std::vector<std::pair<std::string, std::size_t>> provinces(r.per_province.begin(),
                                                             r.per_province.end());
  std::sort(provinces.begin(), provinces.end(),
            [](const auto& a, const auto& b) { return a.second > b.second; });
  o << "<section><h2>Theo tỉnh/thành phố</h2><ul class=\"bars\">";
  std::size_t max = provinces.empty() ? 1 : provinces.front().second;
  for (const auto& [name, count] : provinces)
    o << "<li><a href=\"/search?directive=" << url_encode(r.number)
      << "&amp;province=" << url_encode(name) << "\">" << html_escape(name)
      << "</a><span class=\"bar\" style=\"width:" << (count * 100 / max)
      << "%\"></span><span class=\"count\">" << count << "</span></li>";
  o << "</ul></section>";
  o << not_reported_html(r);
  std::vector<std::string> rows, columns;
  for (const auto& [name, count] : provinces)
    if (r.per_province_year.count(name) && rows.size() < 30) rows.push_back(name);
  for (const auto& [year, count] : years) columns.push_back(year);
  if (!rows.empty())
    o << "<section><h2>Tỉnh nào, năm nào</h2><div class=\"scroll matrix-scroll\" tabindex=\"0\" "
         "role=\"region\" aria-label=\"Bảng tỉnh theo năm\">"
      << province_year_table(r.per_province_year, rows, columns, r.number,
                             "Các tỉnh/thành phố dẫn chiếu " + r.number + " theo năm")
      << "</div></section>";
  const std::string self = "/directive/" + url_encode(r.number);
  o << "<section><h2>Các văn bản dẫn chiếu</h2>"
    << follow_links(self + "/feed", self + "/export.csv") << "<ol class=\"hits\">";
  for (const auto& h : r.citing) o << hit_html(h);
  o << "</ol></section></article>";
  return layout(heading, r.subject.value_or("Văn bản " + r.number + " và các văn bản dẫn chiếu"),
                o.str(), "", "website", self + "/feed");
}

std::string page_layout(const std::string& title, const std::string& description,
                        const std::string& body) {
  return layout(title, description, body);
}

std::string render_error_page(int status, const std::string& message) {
  return layout("Lỗi " + std::to_string(status), message,
                "<section class=\"results\"><h1>Lỗi " + std::to_string(status) +
                    "</h1><p class=\"error\" role=\"alert\">" + html_escape(message) +
                    "</p><p><a href=\"/\">Về trang tìm kiếm</a></p></section>");
}

}  // namespace tracuu::server
