// Readers: files, directories, stdin and .gz into raw documents; problems reported per file.
#include "tracuu/corpus/reader.h"

#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <utility>

#include "format_readers.h"
#include "html_nesting.h"
#include "legacy_vietnamese.h"
#include "line_reader.h"
#include "paged_reader.h"
#include "tracuu/corpus/format_detect.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kStdin = "<stdin>";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
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

std::string over_limit(const ReadLimits& limits) {
  return "over " + std::to_string(limits.max_bytes >> 20) + " MB";
}

// All of a stream (gunzipped when it is gzip), stopping as soon as it is over the limit;
// throws std::runtime_error with a reason.
std::string read_bounded(gzFile gz, std::size_t expected_bytes, const ReadLimits& limits) {
  if (!gz) throw std::runtime_error("cannot open");
  std::unique_ptr<gzFile_s, int (*)(gzFile)> closer(gz, gzclose);
  std::string out;
  // Growth by appending alone would reserve up to twice the limit.
  out.reserve(std::min(expected_bytes, limits.max_bytes) + 1);
  std::vector<char> buf(1 << 16);
  int n;
  while ((n = gzread(gz, buf.data(), static_cast<unsigned>(buf.size()))) > 0) {
    if (out.size() + static_cast<std::size_t>(n) > limits.max_bytes)
      throw std::runtime_error((gzdirect(gz) ? "" : "decompressed ") + over_limit(limits) +
                               ", not read");
    out.append(buf.data(), static_cast<std::size_t>(n));
  }
  int err = 0;
  const char* msg = gzerror(gz, &err);
  if (n < 0 || (err < 0 && err != Z_BUF_ERROR))
    throw std::runtime_error(std::string("corrupt gzip data: ") + msg);
  return out;
}

// Reads a whole file, gunzipping .gz; throws std::runtime_error with a reason.
std::string slurp(const std::string& path, const ReadLimits& limits) {
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) throw std::runtime_error("cannot read: " + ec.message());
  if (ends_with(lower(path), ".gz"))
    return read_bounded(gzopen(path.c_str(), "rb"), gzip_content_bytes(path), limits);
  if (size > limits.max_bytes)
    throw std::runtime_error("file " + over_limit(limits) + ", not read");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open");
  std::string out(size, '\0');  // no more than the size checked, even if the file grows
  in.read(out.data(), static_cast<std::streamsize>(size));
  out.resize(static_cast<std::size_t>(in.gcount()));
  return out;
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

// nlohmann::json parses iteratively but copies and dumps recursively: deeper values are refused
// here, before anything recurses over them.
nlohmann::json parse_bounded(std::string_view text, int max_depth, bool& too_deep) {
  too_deep = false;
  return nlohmann::json::parse(
      text,
      [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > max_depth) too_deep = true;
        return !too_deep;
      },
      false);
}

bool is_blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// A line that opens a JSON object (or is too deep to tell) starts JSON lines.
bool starts_json_lines(std::string_view line, const ReadLimits& limits) {
  std::size_t start = line.find_first_not_of(" \t\r");
  if (start == std::string_view::npos || line[start] != '{') return false;
  if (line.find('\0') != std::string_view::npos) {  // a damaged first line still tells
    std::string without_nul(line.substr(start));
    std::erase(without_nul, '\0');
    return starts_json_lines(without_nul, limits);
  }
  bool too_deep = false;
  auto first = parse_bounded(line.substr(start), limits.max_json_depth, too_deep);
  return too_deep || (!first.is_discarded() && first.is_object());
}

RawDocument::Format format_of(const std::string& path, std::string_view content,
                              const ReadLimits& limits) {
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
    if (start != std::string_view::npos) {
      std::size_t nl = content.find('\n', start);
      auto first =
          content.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      if (starts_json_lines(first, limits)) return RawDocument::Format::kJson;
    }
  }
  return RawDocument::Format::kText;
}

// Gumbo's work grows with the square of nesting depth and it frees its tree recursively: HTML
// nested deeper than the limit is refused before it is parsed. The reason, or "" when fine.
std::string html_refusal(std::string_view html, const ReadLimits& limits) {
  if (html_nesting_depth(html, limits.max_html_depth) <= limits.max_html_depth) return "";
  return "HTML nested deeper than " + std::to_string(limits.max_html_depth) + " elements, not read";
}

// One jsonl line into a raw document (or an error naming the line). `note`: what was done to
// the line's bytes (converted, repaired), said once the document is kept.
void read_json_line(const std::string& where, std::string_view line,
                    const std::optional<std::string>& note, const ReadLimits& limits,
                    const RawSink& on_doc, const ErrorSink& on_error) {
  if (line.find('\0') != std::string_view::npos) {
    on_error({where, "NUL byte in the line (binary data, not JSON), not read"});
    return;
  }
  bool too_deep = false;
  auto j = parse_bounded(line, limits.max_json_depth, too_deep);
  if (too_deep) {
    on_error({where, "JSON nested deeper than " + std::to_string(limits.max_json_depth) +
                         " levels, not read"});
    return;
  }
  if (j.is_discarded() || !j.is_object()) {
    on_error({where, "not a JSON object"});
    return;
  }
  RawDocument raw;
  raw.format = RawDocument::Format::kJson;
  raw.origin = where;
  // Moved out, not copied: the text is most of a line's bytes.
  if (auto t = j.find("text"); t != j.end() && t->is_string())
    raw.content = std::move(t->get_ref<std::string&>());
  if (auto h = j.find("html"); raw.content.empty() && h != j.end() && h->is_string()) {
    raw.content = std::move(h->get_ref<std::string&>());
    raw.format = RawDocument::Format::kHtml;
  }
  if (auto refused =
          html_refusal(raw.format == RawDocument::Format::kHtml ? raw.content : "", limits);
      !refused.empty()) {
    on_error({where, refused});
    return;
  }
  raw.fields = std::move(j);
  raw.encoding_note = note;
  if (note) on_error({where, *note, true});
  on_doc(std::move(raw));
}

// What the originals store keeps of a file (docs/originals.md), named as the file without ".gz";
// nothing for stdin, which has no name.
std::optional<RawDocument::Original> original_of(const std::string& origin,
                                                 std::string_view content_type) {
  if (origin == kStdin) return std::nullopt;
  std::string name = fs::path(origin).filename().string();
  if (ends_with(lower(name), ".gz")) name.resize(name.size() - 3);
  return RawDocument::Original{std::move(name), std::string(content_type), {}};
}

void read_content(const std::string& origin, std::string content, const RawSink& on_doc,
                  const ErrorSink& on_error, const ReadLimits& limits) {
  if (content.empty()) {
    on_error({origin, "empty file"});
    return;
  }
  // PDF, Word, images...: recognized by their bytes whatever the file is called.
  if (FileFormat binary = detect_format(content); is_document_binary(binary)) {
    read_binary_document(
        origin, binary, content,
        [&](RawDocument&& raw) {
          raw.original = original_of(origin, content_type_of(binary));
          // Word and OpenDocument were read into text, so the file's bytes go beside it (the
          // format reader is done with them); PDF and images keep them in `content`.
          if (raw.original && raw.format != RawDocument::Format::kPdf &&
              raw.format != RawDocument::Format::kImage)
            raw.original->bytes = std::move(content);
          on_doc(std::move(raw));
        },
        on_error);
    return;
  }
  if (auto claim = false_paged_claim(origin); !claim.empty()) {
    on_error({origin, claim});
    return;
  }
  std::optional<std::string> note, converted_from;
  std::string file_bytes;  // a converted text's own bytes, for the originals store
  if (!tokenizer::is_valid_utf8(content)) {
    std::string charset = detect_charset(content);
    auto converted = charset.empty() || lower(charset) == "utf-8"
                         ? std::nullopt
                         : convert_to_utf8(content, charset);
    // uchardet knows no TCVN3 or VNI: they read as windows-1252 mojibake ("C«ng t¸c").
    if (auto legacy = read_legacy_vietnamese(content, converted.value_or(""))) {
      charset = legacy->encoding;
      converted = std::move(legacy->utf8);
      converted_from = charset;
    }
    if (converted) {
      note = "not UTF-8: converted from " + charset;
      file_bytes = std::exchange(content, std::move(*converted));
    } else {
      note = "invalid UTF-8 (encoding " + (charset.empty() ? std::string("unknown") : charset) +
             "): bad bytes replaced";
      file_bytes = std::exchange(content, tokenizer::normalize_keep_case(content));
    }
  }
  auto format = format_of(origin, content, limits);
  if (format != RawDocument::Format::kJson) {
    if (auto refused = html_refusal(format == RawDocument::Format::kHtml ? content : "", limits);
        !refused.empty()) {
      on_error({origin, refused});
      return;
    }
    RawDocument raw;
    raw.format = format;
    raw.origin = origin;
    raw.content = std::move(content);
    raw.encoding_note = note;
    raw.converted_from = converted_from;
    if (!file_bytes.empty()) {
      raw.original =
          original_of(origin, format == RawDocument::Format::kHtml ? "text/html" : "text/plain");
      if (raw.original) raw.original->bytes = std::move(file_bytes);
    }
    if (note) on_error({origin, *note, true});
    on_doc(std::move(raw));
    return;
  }
  std::size_t line_no = 0, pos = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    std::string_view line(content.data() + pos, nl - pos);
    ++line_no;
    if (!is_blank(line))
      read_json_line(origin + ":" + std::to_string(line_no), line, note, limits, on_doc, on_error);
    pos = nl + 1;
  }
}

// JSON Lines are read line by line (plain or gzip): dumps may be far larger than one file's
// limit, and no line over the limit is ever held whole.
void read_json_lines(const std::string& origin, LineReader& lines, const RawSink& on_doc,
                     const ErrorSink& on_error, const ReadLimits& limits) {
  bool blank_only = true;
  while (lines.next()) {
    std::string_view line = lines.line();
    std::string where = origin + ":" + std::to_string(lines.line_number());
    if (lines.too_long()) {
      on_error({where, "line " + over_limit(limits) + ", not read"});
      blank_only = false;
      continue;
    }
    if (is_blank(line)) continue;
    // A file of NUL bytes (or other binary data) named .jsonl is one error, not one per line.
    if (blank_only && line.front() != '{' && line.find('\0') != std::string_view::npos) {
      on_error({origin, "binary file (NUL bytes), not JSON lines"});
      return;
    }
    blank_only = false;
    // The document goes on once the line is freed: a sink that waits (the indexer's window
    // when full) then holds a long line's text once, not twice.
    std::optional<RawDocument> parsed;
    const RawSink keep = [&](RawDocument&& raw) { parsed = std::move(raw); };
    if (tokenizer::is_valid_utf8(line)) {
      read_json_line(where, line, std::nullopt, limits, keep, on_error);
    } else {
      read_json_line(where, tokenizer::normalize_keep_case(line),
                     "invalid UTF-8: bad bytes replaced", limits, keep, on_error);
    }
    lines.release_line();
    if (parsed) on_doc(std::move(*parsed));
  }
  if (!lines.error().empty())
    on_error({origin, lines.error()});
  else if (lines.empty_input())
    on_error({origin, "empty file"});
  else if (blank_only)
    on_error({origin, "only blank lines, no JSON"});
}

void stream_jsonl(const std::string& path, const RawSink& on_doc, const ErrorSink& on_error,
                  const ReadLimits& limits) {
  LineReader lines(gzopen(path.c_str(), "rb"), limits.max_bytes);
  read_json_lines(path, lines, on_doc, on_error, limits);
}

// stdin (plain or gzip) as it comes: JSON lines one line at a time whatever their number,
// anything else whole within the limit.
void read_stdin(const RawSink& on_doc, const ErrorSink& on_error, const ReadLimits& limits) {
  const std::string origin(kStdin);
  LineReader lines(gzdopen(dup(STDIN_FILENO), "rb"), limits.max_bytes);
  std::string content;
  bool sniffed = false;  // the first line that is not blank has been looked at
  while (lines.next()) {
    std::string_view line = lines.line();
    if (!sniffed && !lines.too_long() && !is_blank(line)) {
      sniffed = true;
      if (starts_json_lines(line, limits)) {
        lines.put_back();
        read_json_lines(origin, lines, on_doc, on_error, limits);
        return;
      }
    }
    if (lines.too_long() || content.size() + line.size() + 1 > limits.max_bytes) {
      on_error({origin, "input " + over_limit(limits) + ", not read"});
      return;
    }
    content += line;
    content += '\n';
  }
  if (!lines.error().empty()) {
    on_error({origin, lines.error()});
    return;
  }
  read_content(origin, std::move(content), on_doc, on_error, limits);
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

void read_path(const std::string& path, const RawSink& on_doc, const ErrorSink& on_error,
               const ReadLimits& limits) {
  if (path == "-") {
    read_stdin(on_doc, on_error, limits);
    return;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& f : files_under(path, on_error)) read_path(f, on_doc, on_error, limits);
    return;
  }
  if (!fs::exists(path, ec)) {
    on_error({path, "no such file or directory"});
    return;
  }
  std::string name = lower(path);
  if (ends_with(name, ".gz")) name.resize(name.size() - 3);
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) {
    stream_jsonl(path, on_doc, on_error, limits);
    return;
  }
  std::string content;
  try {
    content = slurp(path, limits);
  } catch (const std::exception& e) {
    on_error({path, e.what()});
    return;
  }
  read_content(path, std::move(content), on_doc, on_error, limits);
}

void read_bytes(const std::string& name, std::string bytes, const RawSink& on_doc,
                const ErrorSink& on_error, const ReadLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    on_error({name, "file " + over_limit(limits) + ", not read"});
    return;
  }
  read_content(name, std::move(bytes), on_doc, on_error, limits);
}

}  // namespace tracuu::corpus
