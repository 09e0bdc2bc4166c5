// .doc (Word 97-2003) through catdoc: no maintained Debian library parses Word's binary format
// (see docs/dependencies.md), so the text comes from catdoc run with bounded time and output.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "format_readers.h"
#include "legacy_vietnamese.h"
#include "subprocess.h"

namespace tracuu::corpus {
namespace {

constexpr std::chrono::seconds kTimeout{30};
constexpr std::size_t kMaxOutput = 64u << 20;

// catdoc reads a named file; the bytes go to a private temporary file removed on return.
class TempFile {
 public:
  explicit TempFile(std::string_view bytes) {
    const char* tmp = std::getenv("TMPDIR");
    path_ = std::string(tmp && *tmp ? tmp : "/tmp") + "/tracuu-doc-XXXXXX";
    int fd = ::mkstemp(path_.data());
    if (fd < 0) throw FormatError("cannot create a temporary file for catdoc");
    bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ::close(fd);
    if (!ok) {
      ::unlink(path_.c_str());
      throw FormatError("cannot write a temporary file for catdoc (disk full?)");
    }
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string first_line(const std::string& s) {
  std::string line = s.substr(0, s.find('\n'));
  return line.empty() ? "no reason given" : line;
}

// catdoc ends table cells with a tab: a row becomes "cell | cell". A one-row header table comes
// out column by column already (a cell's paragraphs are lines), as the header parser expects.
std::string cells_as_rows(std::string text) {
  std::string out;
  for (char c : text) {
    if (c == '\t') {
      out += " | ";
    } else if (c == '\n') {
      while (out.size() >= 3 && out.compare(out.size() - 3, 3, " | ") == 0)
        out.resize(out.size() - 3);
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

RawDocument read_doc(const std::string& origin, std::string_view bytes) {
  TempFile file(bytes);
  // -w: one paragraph a line; -d utf-8: Unicode out whatever the locale.
  ProcessResult r = run_bounded({"catdoc", "-w", "-d", "utf-8", file.path()}, kTimeout, kMaxOutput);
  if (r.timed_out) throw FormatError("catdoc took over 30 s: corrupt Word 97 file?");
  if (r.output_over_limit) throw FormatError("Word 97 text over 64 MB, not read");
  if ((r.out + r.err).find("File is encrypted") != std::string::npos)
    throw FormatError("encrypted (password-protected) Word 97 file: save it without a password");
  if (r.exit_code != 0) {
    if (r.err.find("cannot run") == 0)
      throw FormatError("cannot read Word 97 files: catdoc is not installed (scripts/deps)");
    throw FormatError("corrupt Word 97 file (catdoc: " + first_line(r.err) + ")");
  }
  RawDocument raw;
  raw.origin = origin;
  raw.content = cells_as_rows(std::move(r.out));
  // Text typed in a TCVN3 or VNI font is stored as 8-bit runs, which catdoc reads as 1252.
  if (auto legacy = reread_as_legacy_vietnamese(raw.content)) {
    raw.content = std::move(legacy->utf8);
    raw.converted_from = legacy->encoding;
  }
  if (raw.content.find_first_not_of(" \t\r\n") == std::string::npos)
    throw FormatError("no text in the Word 97 file (only images or empty)");
  return raw;
}

}  // namespace tracuu::corpus
