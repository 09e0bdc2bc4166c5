// Detected format -> reader, with one clear error per refused file.
#include <exception>
#include <string>

#include "format_readers.h"
#include "paged_reader.h"

namespace tracuu::corpus {
namespace {

// An OLE2 file's directory (UTF-16 stream names) usually sits at its end: a file cut short has
// none, which tells a truncated Word file from a spreadsheet.
std::string ole_reason(std::string_view bytes) {
  for (std::string_view name : {"Workbook", "Book", "PowerPoint Document"}) {
    std::string utf16;
    for (char c : name) utf16 += std::string{c, '\0'};
    if (bytes.find(utf16) != std::string_view::npos)
      return "Office 97-2003 file that is not a Word document (spreadsheet or slides)";
  }
  return "corrupt or truncated Office 97-2003 file (no stream directory)";
}

RawDocument read_by_format(const std::string& origin, FileFormat format, std::string_view bytes) {
  switch (format) {
    case FileFormat::kDocx:
      return read_docx(origin, bytes);
    case FileFormat::kOdt:
      return read_odt(origin, bytes);
    case FileFormat::kDoc:
      return read_doc(origin, bytes);
    case FileFormat::kPdf:
    case FileFormat::kPng:
    case FileFormat::kJpeg:
    case FileFormat::kTiff:
      try {
        return paged_document(format, bytes);
      } catch (const std::runtime_error& e) {
        throw FormatError(e.what());
      }
    case FileFormat::kEncrypted:
      throw FormatError("encrypted (password-protected) Office file: save it without a password");
    case FileFormat::kZip:
      throw FormatError("zip archive that is not a .docx or .odt text document");
    case FileFormat::kOle:
      throw FormatError(ole_reason(bytes));
    case FileFormat::kGzip:
      throw FormatError("gzip data: name the file .gz to have it read");
    case FileFormat::kBinary:
    case FileFormat::kText:
      break;
  }
  throw FormatError("binary file of unknown format (NUL bytes), not text");
}

}  // namespace

void read_binary_document(const std::string& origin, FileFormat format, std::string_view bytes,
                          const RawSink& on_doc, const ErrorSink& on_error) {
  RawDocument raw;
  try {
    raw = read_by_format(origin, format, bytes);
  } catch (const std::exception& e) {
    on_error({origin, e.what()});
    return;
  }
  raw.source_format = format;
  on_doc(std::move(raw));
}

}  // namespace tracuu::corpus
