// Readers: files, directories, stdin and .gz into raw documents; problems reported per file.
#include "tracuu/corpus/reader.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "format_readers.h"
#include "tracuu/corpus/format_detect.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kMaxFileBytes = 64u << 20;  // larger inputs are refused with a reason

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Reads a whole file, gunzipping .gz; throws std::runtime_error with a reason.
std::string slurp(const std::string& path) {
  if (ends_with(lower(path), ".gz")) {
    gzFile gz = gzopen(path.c_str(), "rb");
    if (!gz) throw std::runtime_error("cannot open");
    std::string out;
    char buf[1 << 16];
    int n;
    while ((n = gzread(gz, buf, sizeof buf)) > 0) {
      out.append(buf, static_cast<std::size_t>(n));
      if (out.size() > 4 * kMaxFileBytes) {
        gzclose(gz);
        throw std::runtime_error("decompressed size over 256 MB");
      }
    }
    int err = 0;
    const char* msg = gzerror(gz, &err);
    std::string reason = err < 0 && err != Z_BUF_ERROR ? msg : "";
    gzclose(gz);
    if (n < 0 || !reason.empty()) throw std::runtime_error("corrupt gzip data: " + reason);
    return out;
  }
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot read: " + ec.message());
  if (size > kMaxFileBytes) throw std::runtime_error("file over 64 MB, not read");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string detect_charset(std::string_view data) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, data.data(), data.size());
  uchardet_data_end(ud);
  std::string name = uchardet_get_charset(ud);
  uchardet_delete(ud);
  return name;
}

// Legacy single-byte text (windows-1258, ...) converted with ICU; nullopt when unknown.
std::optional<std::string> convert_to_utf8(std::string_view data, const std::string& charset) {
  if (charset.empty()) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::string out(data.size() * 4 + 16, '\0');
  int32_t n = ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                           data.data(), static_cast<int32_t>(data.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  out.resize(static_cast<std::size_t>(n));
  return out;
}

RawDocument::Format format_of(const std::string& path, std::string_view content) {
  std::string p = lower(path);
  if (ends_with(p, ".gz")) p = p.substr(0, p.size() - 3);
  if (ends_with(p, ".jsonl") || ends_with(p, ".json") || ends_with(p, ".ndjson"))
    return RawDocument::Format::kJson;
  if (ends_with(p, ".html") || ends_with(p, ".htm") || ends_with(p, ".xhtml"))
    return RawDocument::Format::kHtml;
  auto head = lower(std::string(content.substr(0, 512)));
  if (head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos)
    return RawDocument::Format::kHtml;
  // JSON lines piped on stdin or in a file without an extension: the first line is an object.
  if (!ends_with(p, ".txt")) {
    std::size_t start = content.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos && content[start] == '{') {
      std::size_t nl = content.find('\n', start);
      auto first = nlohmann::json::parse(
          content.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start),
          nullptr, false);
      if (!first.is_discarded() && first.is_object()) return RawDocument::Format::kJson;
    }
  }
  return RawDocument::Format::kText;
}

void read_json_line(const std::string& origin, std::size_t line_no, std::string_view line,
                    const std::optional<std::string>& note, const RawSink& on_doc,
                    const ErrorSink& on_error);

void read_content(const std::string& origin, std::string content, const RawSink& on_doc,
                  const ErrorSink& on_error) {
  if (content.empty()) {
    on_error({origin, "empty file"});
    return;
  }
  // PDF, Word, images...: recognized by their bytes whatever the file is called.
  if (FileFormat binary = detect_format(content); is_document_binary(binary)) {
    read_binary_document(origin, binary, content, on_doc, on_error);
    return;
  }
  std::optional<std::string> note;
  if (!tokenizer::is_valid_utf8(content)) {
    std::string charset = detect_charset(content);
    auto converted = charset.empty() || lower(charset) == "utf-8"
                         ? std::nullopt
                         : convert_to_utf8(content, charset);
    if (converted) {
      note = "not UTF-8: converted from " + charset;
      content = std::move(*converted);
    } else {
      note = "invalid UTF-8 (encoding " + (charset.empty() ? std::string("unknown") : charset) +
             "): bad bytes replaced";
      content = tokenizer::normalize_keep_case(content);
    }
    on_error({origin, *note + " (document kept)"});
  }
  auto format = format_of(origin, content);
  if (format != RawDocument::Format::kJson) {
    RawDocument raw;
    raw.format = format;
    raw.origin = origin;
    raw.content = std::move(content);
    raw.encoding_note = note;
    on_doc(std::move(raw));
    return;
  }
  std::size_t line_no = 0, pos = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    read_json_line(origin, ++line_no, std::string_view(content.data() + pos, nl - pos), note,
                   on_doc, on_error);
    pos = nl + 1;
  }
}

// One jsonl line into a raw document (or an error naming the line).
void read_json_line(const std::string& origin, std::size_t line_no, std::string_view line,
                    const std::optional<std::string>& note, const RawSink& on_doc,
                    const ErrorSink& on_error) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
  std::string where = origin + ":" + std::to_string(line_no);
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    on_error({where, "not a JSON object"});
    return;
  }
  RawDocument raw;
  raw.format = RawDocument::Format::kJson;
  raw.origin = where;
  if (auto t = j.find("text"); t != j.end() && t->is_string()) raw.content = t->get<std::string>();
  if (auto h = j.find("html"); raw.content.empty() && h != j.end() && h->is_string()) {
    raw.content = h->get<std::string>();
    raw.format = RawDocument::Format::kHtml;
  }
  raw.fields = std::move(j);
  raw.encoding_note = note;
  on_doc(std::move(raw));
}

// JSON Lines are read line by line (plain or gzip): dumps may be far larger than one file's limit.
void stream_jsonl(const std::string& path, const RawSink& on_doc, const ErrorSink& on_error) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (!gz) {
    on_error({path, "cannot open"});
    return;
  }
  gzbuffer(gz, 1 << 17);
  std::string line;
  std::vector<char> buf(1 << 16);
  std::size_t line_no = 0;
  bool any = false;
  auto finish_line = [&] {
    ++line_no;
    any = true;
    if (line.size() > kMaxFileBytes) {
      on_error({path + ":" + std::to_string(line_no), "line over 64 MB, not read"});
    } else if (!tokenizer::is_valid_utf8(line)) {
      on_error({path + ":" + std::to_string(line_no),
                "invalid UTF-8: bad bytes replaced (document kept)"});
      read_json_line(path, line_no, tokenizer::normalize_keep_case(line), "invalid UTF-8", on_doc,
                     on_error);
    } else {
      read_json_line(path, line_no, line, std::nullopt, on_doc, on_error);
    }
    line.clear();
  };
  while (gzgets(gz, buf.data(), static_cast<int>(buf.size()))) {
    std::size_t n = std::strlen(buf.data());
    line.append(buf.data(), n);
    if (n > 0 && buf[n - 1] == '\n') finish_line();
  }
  if (!line.empty()) finish_line();
  int err = 0;
  const char* msg = gzerror(gz, &err);
  if (err < 0 && err != Z_BUF_ERROR) on_error({path, std::string("read error: ") + msg});
  gzclose(gz);
  if (!any) on_error({path, "empty file"});
}

}  // namespace

namespace {

// The files read_path reads under a directory, in its order; listing problems go to `on_error`.
std::vector<std::string> files_under(const std::string& dir, const ErrorSink& on_error) {
  std::error_code ec;
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] != '.' && lower(name) != "readme.md")
        files.push_back(it->path().string());
    }
  }
  if (ec && on_error) on_error({dir, "cannot list directory: " + ec.message()});
  std::sort(files.begin(), files.end());
  return files;
}

// gzip's trailer holds the uncompressed size modulo 2^32 (exact for one member under 4 GB).
std::uintmax_t gzip_content_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in.seekg(-4, std::ios::end)) return 0;
  unsigned char b[4];
  if (!in.read(reinterpret_cast<char*>(b), 4)) return 0;
  return std::uintmax_t{b[0]} | std::uintmax_t{b[1]} << 8 | std::uintmax_t{b[2]} << 16 |
         std::uintmax_t{b[3]} << 24;
}

}  // namespace

std::uintmax_t content_bytes_hint(const std::string& path) {
  std::error_code ec;
  if (path == "-") return 0;
  if (fs::is_directory(path, ec)) {
    std::uintmax_t sum = 0;
    for (const auto& f : files_under(path, nullptr)) sum += content_bytes_hint(f);
    return sum;
  }
  if (ends_with(lower(path), ".gz")) return gzip_content_bytes(path);
  auto size = fs::file_size(path, ec);
  return ec ? 0 : size;
}

void read_path(const std::string& path, const RawSink& on_doc, const ErrorSink& on_error) {
  if (path == "-") {
    std::string content((std::istreambuf_iterator<char>(std::cin)),
                        std::istreambuf_iterator<char>());
    read_content("<stdin>", std::move(content), on_doc, on_error);
    return;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& f : files_under(path, on_error)) read_path(f, on_doc, on_error);
    return;
  }
  if (!fs::exists(path, ec)) {
    on_error({path, "no such file or directory"});
    return;
  }
  std::string name = lower(path);
  if (ends_with(name, ".gz")) name.resize(name.size() - 3);
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) {
    stream_jsonl(path, on_doc, on_error);
    return;
  }
  std::string content;
  try {
    content = slurp(path);
  } catch (const std::exception& e) {
    on_error({path, e.what()});
    return;
  }
  read_content(path, std::move(content), on_doc, on_error);
}

}  // namespace tracuu::corpus
