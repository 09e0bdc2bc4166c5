// The upload page's HTML (upload_pages.h).
#include "upload_pages.h"

#include <set>
#include <sstream>

#include "pages.h"
#include "tracuu/corpus/document_types.h"

namespace tracuu::server {
namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string joined(const nlohmann::json& names) {
  std::string out;
  if (!names.is_array()) return out;
  for (const auto& n : names)
    if (n.is_string()) out += (out.empty() ? "" : ", ") + n.get<std::string>();
  return out;
}

std::string hidden(const std::string& name, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + html_escape(value) + "\">";
}

// Every document type once, by its slug, as users read it; `chosen` selected.
std::string type_options(const std::string& chosen) {
  std::ostringstream o;
  std::set<std::string_view> seen;
  for (const auto& t : corpus::document_types()) {
    if (!seen.insert(t.slug).second) continue;
    o << "<option value=\"" << html_escape(std::string(t.slug)) << "\""
      << (t.slug == chosen ? " selected" : "") << ">" << html_escape(std::string(t.label))
      << "</option>";
  }
  return o.str();
}

// The fields a person may correct, filled with the document's; posted to /tai-len/sua without
// JavaScript, sent as PATCH /api/documents/{id} by upload.js.
std::string correction_form(const nlohmann::json& doc, const std::string& csrf) {
  std::ostringstream o;
  o << "<form class=\"correction\" method=\"post\" action=\"/tai-len/sua\">" << hidden("csrf", csrf)
    << hidden("id", text_of(doc, "id")) << "<fieldset><legend>Sửa thông tin</legend>"
    << "<label>Tiêu đề <input name=\"title\" type=\"text\" value=\""
    << html_escape(text_of(doc, "title")) << "\"></label>"
    << "<label>Ngày ban hành <input name=\"date\" type=\"date\" min=\"1900-01-01\" value=\""
    << html_escape(text_of(doc, "date")) << "\"></label>"
    << "<label>Loại văn bản <select name=\"type\">" << type_options(text_of(doc, "type"))
    << "</select></label>"
    << "<label>Tỉnh/thành phố (cách nhau bằng dấu phẩy, tỉnh chính trước) <input "
       "name=\"provinces\" type=\"text\" value=\""
    << html_escape(joined(doc.value("provinces", nlohmann::json::array()))) << "\"></label>"
    << "<p class=\"actions\"><button type=\"submit\">Lưu sửa đổi</button> <span class=\"saved\" "
       "role=\"status\"></span></p></fieldset></form>";
  return o.str();
}

std::string citation_numbers(const nlohmann::json& doc) {
  std::string out;
  for (const auto& c : doc.value("citations", nlohmann::json::array()))
    if (c.is_object() && c.contains("number"))
      out += (out.empty() ? "" : ", ") + text_of(c, "number");
  return out;
}

// What extraction found, for review.
std::string summary(const nlohmann::json& doc) {
  std::string date = text_of(doc, "date");
  if (date.empty() && !text_of(doc, "date_estimated").empty())
    date = text_of(doc, "date_estimated") + " (ước tính)";
  auto row = [](const char* label, const std::string& value) {
    return std::string("<dt>") + label + "</dt><dd>" +
           (value.empty() ? "<em>không rõ</em>" : html_escape(value)) + "</dd>";
  };
  const std::string id = text_of(doc, "id");
  return "<dl class=\"extracted\">" + row("Tiêu đề", text_of(doc, "title")) + row("Ngày", date) +
         row("Loại văn bản", std::string(corpus::type_label(text_of(doc, "type")))) +
         row("Tỉnh/thành phố", joined(doc.value("provinces", nlohmann::json::array()))) +
         row("Văn bản dẫn chiếu", citation_numbers(doc)) + "</dl><p><a class=\"open\" href=\"/d/" +
         html_escape(url_encode(id)) + "\">Xem văn bản</a></p>";
}

}  // namespace

std::string render_uploads_off() {
  return page_layout(
      "Tải văn bản lên", "Chức năng tải lên đang tắt.",
      "<section class=\"results upload\"><h1>Tải văn bản lên</h1><p>Chức năng tải lên đang tắt "
      "trên máy chủ này. Người quản trị bật nó bằng <code>tracuu serve --writes</code> và cấp mã "
      "truy cập bằng <code>tracuu token add</code>.</p><p><a href=\"/\">Về trang tìm "
      "kiếm</a></p></section>");
}

std::string render_login(const std::string& error) {
  std::ostringstream o;
  o << "<section class=\"results upload\"><h1>Đăng nhập để tải văn bản lên</h1>";
  if (!error.empty()) o << "<p class=\"error\" role=\"alert\">" << html_escape(error) << "</p>";
  o << "<form class=\"login\" method=\"post\" action=\"/dang-nhap\">"
    << "<label for=\"token\">Mã truy cập</label>"
    << "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>"
    << "<p class=\"note\">Mã do người quản trị cấp (<code>tracuu token add</code>), có quyền ghi. "
       "Phiên đăng nhập kéo dài 12 giờ.</p>"
    << "<button type=\"submit\">Đăng nhập</button></form></section>";
  return page_layout("Đăng nhập", "Đăng nhập để tải văn bản lên.", o.str());
}

std::string render_upload(const std::string& csrf, const std::string& token_name,
                          std::size_t max_upload_mb) {
  std::ostringstream o;
  o << "<section class=\"results upload\"><h1>Tải văn bản lên</h1>"
    << "<div class=\"who\"><span>Đang dùng mã <strong>" << html_escape(token_name)
    << "</strong>.</span><form method=\"post\" action=\"/dang-xuat\">" << hidden("csrf", csrf)
    << "<button type=\"submit\" class=\"link\">Đăng xuất</button></form></div>"
    << "<form id=\"upload-form\" class=\"dropzone\" method=\"post\" action=\"/tai-len\" "
       "enctype=\"multipart/form-data\">"
    << hidden("csrf", csrf) << "<label for=\"file\">Chọn tệp</label>"
    << "<input id=\"file\" name=\"file\" type=\"file\" required "
       "accept=\".pdf,.png,.jpg,.jpeg,.tif,.tiff,.docx,.doc,.odt,.txt,.htm,.html\">"
    << "<p class=\"note\">PDF, ảnh quét (PNG, JPEG, TIFF), Word (.docx, .doc), OpenDocument "
       "(.odt), "
       "văn bản và HTML; tối đa "
    << max_upload_mb
    << " MB mỗi tệp. <span class=\"drop-hint\" hidden>Có thể chọn hoặc kéo thả "
       "nhiều tệp vào đây.</span></p>"
    << "<button type=\"submit\">Tải lên</button></form>"
    << "<ol id=\"uploads\" class=\"uploads\"></ol>"
    << "<template id=\"correction-template\">" << correction_form(nlohmann::json::object(), csrf)
    << "</template></section><script type=\"module\" src=\"/static/upload.js\"></script>";
  return page_layout("Tải văn bản lên", "Tải văn bản lên kho tra cứu.", o.str());
}

std::string render_uploaded(const nlohmann::json& written, const std::string& csrf) {
  const nlohmann::json doc = written.value("document", nlohmann::json::object());
  std::ostringstream o;
  o << "<section class=\"results upload\"><h1>"
    << (written.value("duplicate", false) ? "Văn bản đã có trong kho" : "Đã tải lên") << "</h1>"
    << "<div class=\"uploaded\">" << summary(doc) << correction_form(doc, csrf) << "</div>"
    << "<p><a href=\"/tai-len\">Tải thêm văn bản</a></p></section>";
  return page_layout("Đã tải lên", text_of(doc, "title"), o.str());
}

}  // namespace tracuu::server
