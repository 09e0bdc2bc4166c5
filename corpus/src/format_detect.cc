// Magic numbers of the formats staff actually have; zip and OLE2 containers looked into far
// enough to tell a Word file from a spreadsheet or an encrypted package.
#include "tracuu/corpus/format_detect.h"

#include <string>

namespace tracuu::corpus {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// OLE2 directory entries name their streams in UTF-16LE; the directory sits anywhere in the file.
bool has_ole_stream(std::string_view bytes, std::string_view ascii_name) {
  std::string utf16;
  for (char c : ascii_name) {
    utf16 += c;
    utf16 += '\0';
  }
  return bytes.find(utf16) != std::string_view::npos;
}

FileFormat ole_format(std::string_view bytes) {
  if (has_ole_stream(bytes, "EncryptedPackage")) return FileFormat::kEncrypted;
  if (has_ole_stream(bytes, "WordDocument")) return FileFormat::kDoc;
  return FileFormat::kOle;
}

// ODF puts an uncompressed "mimetype" entry first (local header 30 bytes + 8 bytes of name);
// OOXML names its parts in the central directory, which is never compressed.
FileFormat zip_format(std::string_view bytes) {
  if (bytes.size() > 38 && bytes.substr(30, 8) == "mimetype") {
    std::string_view type = bytes.substr(38, 64);
    if (starts_with(type, "application/vnd.oasis.opendocument.text")) return FileFormat::kOdt;
    return FileFormat::kZip;
  }
  if (bytes.find("[Content_Types].xml") != std::string_view::npos &&
      bytes.find("word/document.xml") != std::string_view::npos)
    return FileFormat::kDocx;
  return FileFormat::kZip;
}

bool has_nul(std::string_view bytes) {
  return bytes.substr(0, 8192).find('\0') != std::string_view::npos;
}

// Viewers accept %PDF- anywhere in the first 1 KB (after a BOM, blank lines, a mail header);
// a text that merely mentions "%PDF-" stays text: the junk must be blank or the file binary.
bool is_pdf(std::string_view bytes) {
  std::size_t at = bytes.substr(0, 1024).find("%PDF-");
  if (at == std::string_view::npos) return false;
  std::string_view before = bytes.substr(0, at);
  if (starts_with(before, "\xEF\xBB\xBF")) before.remove_prefix(3);
  return before.find_first_not_of(" \t\r\n") == std::string_view::npos || has_nul(bytes);
}

}  // namespace

FileFormat detect_format(std::string_view bytes) {
  if (is_pdf(bytes)) return FileFormat::kPdf;
  if (starts_with(bytes, "PK\x03\x04")) return zip_format(bytes);
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return ole_format(bytes);
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return FileFormat::kPng;
  if (starts_with(bytes, "\xFF\xD8\xFF")) return FileFormat::kJpeg;
  if (starts_with(bytes, std::string_view("II*\0", 4)) || starts_with(bytes, "MM\0*"))
    return FileFormat::kTiff;
  if (starts_with(bytes, "\x1F\x8B")) return FileFormat::kGzip;
  if (has_nul(bytes)) return FileFormat::kBinary;
  return FileFormat::kText;
}

bool is_document_binary(FileFormat format) { return format != FileFormat::kText; }

std::string_view format_label(FileFormat format) {
  switch (format) {
    case FileFormat::kText:
      return "văn bản";
    case FileFormat::kPdf:
      return "PDF";
    case FileFormat::kDocx:
      return "Word";
    case FileFormat::kOdt:
      return "ODT";
    case FileFormat::kDoc:
      return "Word 97-2003";
    case FileFormat::kEncrypted:
      return "encrypted Office file";
    case FileFormat::kPng:
      return "PNG";
    case FileFormat::kJpeg:
      return "JPEG";
    case FileFormat::kTiff:
      return "TIFF";
    case FileFormat::kZip:
      return "zip archive";
    case FileFormat::kOle:
      return "OLE2 file";
    case FileFormat::kGzip:
      return "gzip";
    case FileFormat::kBinary:
      return "binary";
  }
  return "binary";
}

std::string_view content_type_of(FileFormat format) {
  switch (format) {
    case FileFormat::kText:
      return "text/plain; charset=utf-8";
    case FileFormat::kPdf:
      return "application/pdf";
    case FileFormat::kDocx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case FileFormat::kOdt:
      return "application/vnd.oasis.opendocument.text";
    case FileFormat::kDoc:
      return "application/msword";
    case FileFormat::kPng:
      return "image/png";
    case FileFormat::kJpeg:
      return "image/jpeg";
    case FileFormat::kTiff:
      return "image/tiff";
    case FileFormat::kZip:
      return "application/zip";
    case FileFormat::kGzip:
      return "application/gzip";
    default:
      return "application/octet-stream";
  }
}

}  // namespace tracuu::corpus
