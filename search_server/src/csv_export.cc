#include "csv_export.h"

#include "pages.h"
#include "tracuu/corpus/document_types.h"

namespace tracuu::server {
namespace {

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : "; ") + v;
  return out;
}

std::string row(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ",") + csv_field(f);
  return out + "\r\n";
}

}  // namespace

std::string csv_field(const std::string& value) {
  std::string v = value;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(0, "'");
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string quoted = "\"";
  for (char c : v) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_export(const std::vector<indexer::Hit>& hits, std::size_t total) {
  std::string out = "\xEF\xBB\xBF";
  out += row({"Mã", "Tiêu đề", "Loại văn bản", "Ngày", "Ngày ước tính", "Tỉnh/thành chính",
              "Tỉnh/thành nhắc đến", "Văn bản dẫn chiếu", "Đường dẫn"});
  for (const auto& h : hits)
    out += row({h.id, h.title, std::string(corpus::type_label(h.type)), h.date.value_or(""),
                h.date_estimated ? "có" : "", h.primary_province.value_or(""), joined(h.provinces),
                joined(h.citations), "/d/" + url_encode(h.id)});
  if (total > hits.size())
    out += row({"", "(Chỉ xuất " + std::to_string(hits.size()) + " trong " + std::to_string(total) +
                        " kết quả; hãy thu hẹp tìm kiếm.)"});
  return out;
}

}  // namespace tracuu::server
