// The clean document record that ingestion produces and the indexer stores.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tracuu::corpus {

struct Citation {
  std::string number;                  // canonical ("114-KL/TW")
  std::optional<std::string> type;     // "Kết luận", "Chỉ thị", ...
  std::optional<std::string> issuer;   // "Ban Bí thư", "Tỉnh ủy Lào Cai", ...
  std::optional<std::string> date;     // ISO yyyy-mm-dd of the cited document
  std::optional<std::string> subject;  // trích yếu
  std::optional<std::string> khoa;     // "XI"
  // Resolved by the indexer from a short name ("Chỉ thị 49") because the archive holds exactly
  // one document number it can mean; see ShortCitation.
  bool from_archive = false;
  // What the citing text does with it (citation_relation.h): "trien-khai", "so-ket", ...
  std::optional<std::string> relation;
};

// A document named only by type and number ("Chỉ thị 49", "KL 114") with no full number in the
// same text. The indexer resolves it when the archive makes it unambiguous.
struct ShortCitation {
  std::string type_code;  // "CT"
  std::string number;     // "49"
  bool operator==(const ShortCitation&) const = default;
};

struct Paragraph {
  enum class Kind { kBody, kHeading, kCaption };
  Paragraph() = default;
  // {kind, text} as readers write it; page and OCR only where the original has pages.
  Paragraph(Kind kind_, std::string text_, std::optional<int> page_ = std::nullopt,
            bool ocr_ = false)
      : kind(kind_), text(std::move(text_)), page(page_), ocr(ocr_) {}
  Kind kind = Kind::kBody;
  std::string text;         // original text (display form)
  std::optional<int> page;  // 1-based page of a paged original (PDF, scan)
  bool ocr = false;         // the text was recognized from an image: check the original
};

// Pages whose text came from OCR, and Tesseract's mean word confidence over them (0-100).
struct OcrInfo {
  int pages = 0;
  double mean_confidence = 0;
};

// The file a document was read from (docs/originals.md). Its pages and OCR are the document's.
struct OriginalFile {
  std::string name;          // "Kế hoạch 01.pdf"
  std::string content_type;  // "application/pdf"
  std::uint64_t bytes = 0;
  std::optional<std::string> sha256;  // the stored copy's name; none when no copy is kept
};

// The parsed header of a document that IS an official text.
struct OfficialHeader {
  std::string number;                   // canonical
  std::optional<std::string> issuer;    // "Ban Bí thư", "UBND tỉnh Lào Cai"
  std::optional<std::string> place;     // "Hà Nội"
  std::optional<std::string> date;      // ISO
  std::optional<std::string> doc_type;  // "Chỉ thị"
  std::optional<std::string> subject;   // trích yếu
};

struct Document {
  std::string id;
  std::string title;
  std::optional<std::string> date;            // publication date, ISO
  std::optional<std::string> date_estimated;  // best estimate when `date` is null
  std::optional<std::string> source;          // site or domain
  std::optional<std::string> url;
  std::optional<std::string> author;
  std::string type = "news";           // "news", "report", "chi-thi", "ket-luan", "nghi-quyet", ...
  std::vector<std::string> provinces;  // canonical names, pre-2025 units as written
  std::optional<std::string> primary_province;
  std::optional<std::string> province_2025;  // the primary province after the 2025 merger
  std::vector<std::string> districts;        // "Chợ Đồn (Bắc Kạn)"
  std::vector<Citation> citations;
  std::vector<ShortCitation> short_citations;
  std::optional<OfficialHeader> header;
  std::vector<Paragraph> paragraphs;
  std::string text;                           // paragraphs joined by "\n"
  std::optional<int> pages;                   // page count of a paged original (PDF, image)
  std::optional<OcrInfo> ocr;                 // set when some text came from OCR
  std::uint64_t fingerprint = 0;              // near-duplicate simhash
  std::string origin;                         // file path (and line) it came from
  std::optional<std::string> converted_from;  // text read from a legacy encoding ("VNI Windows")
  std::optional<OriginalFile> original;       // the file it was read from, when kept or described
  nlohmann::json extra = nlohmann::json::object();  // unknown input fields, kept
};

// "CT" -> "Chỉ thị": the type name of a document-number type code, if known.
std::optional<std::string> citation_type_name(const std::string& type_code);

// The `tracuu extract` JSON shape (see docs/corpus.md); from_json accepts what to_json writes.
nlohmann::json to_json(const Document& doc);
// The same, moving the texts into the JSON instead of copying them (a long document's text is
// then held once, not twice).
nlohmann::json to_json(Document&& doc);
Document document_from_json(const nlohmann::json& j);

}  // namespace tracuu::corpus
