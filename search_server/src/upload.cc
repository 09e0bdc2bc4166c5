// Parsing a write's body (upload.h). Every failure is the client's, as an HttpError.
#include "upload.h"

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "http_error.h"
#include "tracuu/corpus/format_detect.h"
#include "tracuu/corpus/reader.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::server {
namespace {

HttpError too_large(std::size_t max_bytes) {
  return {413, "too_large",
          "Tệp quá lớn: tối đa " + std::to_string(max_bytes >> 20) + " MB mỗi lần gửi."};
}

// The body, at most max_bytes: refused from Content-Length before a byte is read.
std::string read_body(Poco::Net::HTTPServerRequest& req, std::size_t max_bytes) {
  check_declared_size(req, max_bytes);
  // Without either, the body would end only when the client closes the connection.
  if (!req.hasContentLength() && !req.getChunkedTransferEncoding())
    throw HttpError{411, "length_required", "Cần tiêu đề Content-Length."};
  std::string body;
  std::istream& in = req.stream();
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    body.append(buf, static_cast<std::size_t>(in.gcount()));
    if (body.size() > max_bytes) throw too_large(max_bytes);
  }
  return body;
}

// nlohmann's parse is iterative but its destructor recurses: a body of 10 million '[' must be
// refused before it is parsed. Records are flat objects of strings.
bool nested_too_deep(std::string_view s, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if ((c == '[' || c == '{') && ++depth > max_depth) {
      return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::optional<std::string> string_field(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return std::nullopt;
  if (!it->is_string())
    throw HttpError{400, "bad_record", std::string("Trường \"") + name + "\" phải là chuỗi."};
  if (!tokenizer::is_valid_utf8(it->get_ref<const std::string&>()))
    throw HttpError{400, "invalid_utf8", "Dữ liệu không phải UTF-8 hợp lệ."};
  return it->get<std::string>();
}

// {"title", "text", "id"?, "date"?, "url"?, "source"?}: what a JSON line of `tracuu index` holds.
Submission record_of(const std::string& body, const std::optional<std::string>& id) {
  if (nested_too_deep(body, 8)) throw HttpError{400, "bad_record", "Bản ghi JSON lồng quá sâu."};
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw HttpError{400, "bad_record", "Nội dung không phải một đối tượng JSON."};
  Submission s;
  s.raw.format = corpus::RawDocument::Format::kJson;
  s.raw.origin = "api";
  auto title = string_field(j, "title");
  auto text = string_field(j, "text");
  if (!title || title->empty() || !text || text->empty())
    throw HttpError{400, "bad_record", "Bản ghi cần có \"title\" và \"text\" (không rỗng)."};
  nlohmann::json fields{{"title", *title}};
  for (const char* name : {"id", "date", "url", "source"})
    if (auto v = string_field(j, name)) fields[name] = *v;
  if (id) {
    if (fields.contains("id") && fields["id"] != *id)
      throw HttpError{400, "bad_record", "Mã trong bản ghi khác mã trong địa chỉ."};
    fields["id"] = *id;
  }
  if (fields.contains("id") && !valid_document_id(fields["id"].get<std::string>()))
    throw HttpError{400, "bad_id", "Mã văn bản không hợp lệ."};
  s.raw.content = std::move(*text);
  s.raw.fields = std::move(fields);
  return s;
}

// Collects the `file` part of a multipart body (other files are refused).
class FilePart : public Poco::Net::PartHandler {
 public:
  void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
    std::string disposition, params_text;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                              params);
    if (params.get("name", "") != "file" || found) {
      std::ostringstream sink;  // read past it
      Poco::StreamCopier::copyStream(stream, sink);
      ++others;
      return;
    }
    found = true;
    filename = params.get("filename", "");
    std::ostringstream out;
    Poco::StreamCopier::copyStream(stream, out);
    bytes = out.str();
  }
  bool found = false;
  int others = 0;
  std::string filename;
  std::string bytes;
};

// A file name as the originals store and the page show it: its last path component, without
// control characters; "tai-len" when none is usable.
std::string clean_file_name(std::string name) {
  if (auto slash = name.find_last_of("/\\"); slash != std::string::npos) name.erase(0, slash + 1);
  std::erase_if(name, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
  if (name.size() > 200 || !tokenizer::is_valid_utf8(name) || name.empty() || name[0] == '.')
    return "tai-len";
  return name;
}

void refuse_unreadable_format(const std::string& bytes) {
  using corpus::FileFormat;
  // What the format readers turn into text; the rest only reaches them to be refused.
  FileFormat f = corpus::detect_format(bytes);
  for (FileFormat readable :
       {FileFormat::kText, FileFormat::kPdf, FileFormat::kDocx, FileFormat::kOdt, FileFormat::kDoc,
        FileFormat::kPng, FileFormat::kJpeg, FileFormat::kTiff})
    if (f == readable) return;
  if (f == FileFormat::kEncrypted)
    throw HttpError{415, "unsupported_type", "Tệp được bảo vệ bằng mật khẩu; không đọc được."};
  throw HttpError{415, "unsupported_type",
                  "Không đọc được loại tệp này (" + std::string(corpus::format_label(f)) +
                      "). Nhận: PDF, ảnh quét (PNG, JPEG, TIFF), Word (.docx, .doc), "
                      "OpenDocument (.odt), văn bản và HTML."};
}

corpus::RawDocument the_document(const std::string& name, std::string bytes) {
  std::vector<corpus::RawDocument> docs;
  std::string reason;
  corpus::read_bytes(
      name, std::move(bytes), [&](corpus::RawDocument&& raw) { docs.push_back(std::move(raw)); },
      [&](const corpus::ReadError& e) {
        if (!e.document_kept && reason.empty()) reason = e.reason;
      });
  if (docs.size() == 1) return std::move(docs.front());
  if (docs.empty())
    throw HttpError{422, "unreadable", "Không đọc được tệp " + name + ": " + reason + "."};
  throw HttpError{
      422, "unreadable",
      "Tệp chứa " + std::to_string(docs.size()) +
          " văn bản; mỗi lần tải lên một văn bản (dùng `tracuu index` cho tệp JSON lines)."};
}

Submission upload_of(Poco::Net::HTTPServerRequest& req, const std::string& body,
                     const std::optional<std::string>& id) {
  FilePart part;
  Poco::Net::HTMLForm form;
  try {
    std::istringstream in(body);
    form.load(req, in, part);
  } catch (const Poco::Exception&) {
    throw HttpError{400, "bad_upload", "Dữ liệu tải lên không hợp lệ (multipart/form-data)."};
  }
  if (!part.found) throw HttpError{400, "bad_upload", "Thiếu tệp: gửi tệp trong trường \"file\"."};
  if (part.bytes.empty()) throw HttpError{422, "unreadable", "Tệp rỗng."};
  refuse_unreadable_format(part.bytes);
  Submission s;
  s.is_file = true;
  s.bytes = part.bytes;
  s.raw = the_document(clean_file_name(part.filename), std::move(part.bytes));
  // Form fields correct what extraction would find (a wrong date, a title).
  for (const char* name : {"title", "date", "url", "source"})
    if (auto v = form.get(name, ""); !v.empty() && tokenizer::is_valid_utf8(v))
      s.raw.fields[name] = v;
  if (auto v = form.get("id", ""); !v.empty() && !id) {
    if (!valid_document_id(v)) throw HttpError{400, "bad_id", "Mã văn bản không hợp lệ."};
    s.raw.fields["id"] = v;
  }
  if (id) s.raw.fields["id"] = *id;
  s.csrf = form.get("csrf", "");
  return s;
}

// The request's Content-Type; octet-stream when it is missing or malformed.
Poco::Net::MediaType media_type_of(Poco::Net::HTTPServerRequest& req) {
  try {
    return Poco::Net::MediaType(req.getContentType());
  } catch (const Poco::Exception&) {
    return Poco::Net::MediaType("application/octet-stream");
  }
}

}  // namespace

void check_declared_size(const Poco::Net::HTTPServerRequest& req, std::size_t max_bytes) {
  const auto declared = req.getContentLength64();
  if (declared > 0 && static_cast<std::uint64_t>(declared) > max_bytes) throw too_large(max_bytes);
}

void discard_rest(Poco::Net::HTTPServerRequest& req) noexcept {
  constexpr std::size_t kMaxDiscard = std::size_t{8} << 20;
  try {
    if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&req))
      impl->socket().setReceiveTimeout(Poco::Timespan(1, 0));
    std::istream& in = req.stream();
    char buf[65536];
    std::size_t dropped = 0;
    while (dropped < kMaxDiscard && (in.read(buf, sizeof buf) || in.gcount() > 0))
      dropped += static_cast<std::size_t>(in.gcount());
  } catch (...) {  // a timeout or a reset: the connection closes either way
  }
}

bool valid_document_id(const std::string& id) {
  if (id.empty() || id.size() > 200 || !tokenizer::is_valid_utf8(id)) return false;
  for (unsigned char c : id)
    if (c < 0x20 || c == 0x7f || c == '/') return false;
  return true;
}

nlohmann::json read_json_object(Poco::Net::HTTPServerRequest& req, std::size_t max_bytes) {
  Poco::Net::MediaType type = media_type_of(req);
  if (!type.matches("application", "json"))
    throw HttpError{415, "unsupported_type", "Gửi application/json."};
  std::string body = read_body(req, max_bytes);
  if (nested_too_deep(body, 8)) throw HttpError{400, "bad_record", "Bản ghi JSON lồng quá sâu."};
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw HttpError{400, "bad_record", "Nội dung không phải một đối tượng JSON."};
  return j;
}

Poco::Net::NameValueCollection read_form(Poco::Net::HTTPServerRequest& req, std::size_t max_bytes) {
  Poco::Net::MediaType type = media_type_of(req);
  if (!type.matches("application", "x-www-form-urlencoded"))
    throw HttpError{415, "unsupported_type", "Gửi biểu mẫu (application/x-www-form-urlencoded)."};
  std::string body = read_body(req, max_bytes);
  Poco::Net::HTMLForm form;
  try {
    std::istringstream in(body);
    form.load(req, in);
  } catch (const Poco::Exception&) {
    throw HttpError{400, "bad_request", "Biểu mẫu không hợp lệ."};
  }
  Poco::Net::NameValueCollection fields;
  for (const auto& [name, value] : form)
    if (!fields.has(name)) fields.add(name, value);
  return fields;
}

Submission read_submission(Poco::Net::HTTPServerRequest& req, std::size_t max_bytes,
                           const std::optional<std::string>& id) {
  Poco::Net::MediaType type = media_type_of(req);
  const bool json = type.matches("application", "json");
  const bool multipart = type.matches("multipart", "form-data");
  if (!json && !multipart)
    throw HttpError{415, "unsupported_type",
                    "Gửi application/json (bản ghi) hoặc multipart/form-data (tệp trong trường "
                    "\"file\")."};
  std::string body = read_body(req, max_bytes);
  return json ? record_of(body, id) : upload_of(req, body, id);
}

}  // namespace tracuu::server
