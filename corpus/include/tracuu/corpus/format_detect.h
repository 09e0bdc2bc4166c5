// What a file holds, told by its bytes (magic numbers), not by its name.
#pragma once

#include <string_view>

namespace tracuu::corpus {

enum class FileFormat {
  kText,       // text of some encoding: plain, HTML or JSON lines (told apart after decoding)
  kPdf,        // %PDF-
  kDocx,       // zip holding [Content_Types].xml and word/document.xml
  kOdt,        // zip whose first entry is "mimetype" = application/vnd.oasis.opendocument.text
  kDoc,        // OLE2 compound file with a WordDocument stream (Word 97-2003)
  kEncrypted,  // OLE2 compound file with an EncryptedPackage (password-protected .docx/.xlsx)
  kPng,
  kJpeg,
  kTiff,
  kZip,     // another zip (spreadsheet, presentation, archive)
  kOle,     // another OLE2 file (Excel 97, PowerPoint 97, ...)
  kGzip,    // gzip data in a file not named .gz
  kBinary,  // none of the above and not text (NUL bytes)
};

FileFormat detect_format(std::string_view bytes);

// True for what read_path turns into text through a format reader rather than as text.
bool is_document_binary(FileFormat format);

// "PDF", "Word (.docx)", ...: for messages and the document page.
std::string_view format_label(FileFormat format);

// The MIME type an original of this format is served with.
std::string_view content_type_of(FileFormat format);

}  // namespace tracuu::corpus
