// The Document <-> JSON mapping used by `tracuu extract` and stored as Xapian document data.
#include "tracuu/corpus/document.h"

#include "tracuu/corpus/document_types.h"

namespace tracuu::corpus {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

std::optional<std::string> get_opt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::string get_str(const json& j, const char* key) { return get_opt(j, key).value_or(""); }

std::vector<std::string> get_list(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

const char* kind_name(Paragraph::Kind k) {
  switch (k) {
    case Paragraph::Kind::kHeading:
      return "heading";
    case Paragraph::Kind::kCaption:
      return "caption";
    case Paragraph::Kind::kBody:
      break;
  }
  return "body";
}

}  // namespace

namespace {

// The file's description (docs/originals.md): pages and OCR are the document's own.
json original_json(const Document& doc) {
  const OriginalFile& o = *doc.original;
  json out{{"name", o.name},    {"content_type", o.content_type},
           {"bytes", o.bytes},  {"pages", nullptr},
           {"sha256", nullptr}, {"ocr", nullptr}};
  if (doc.pages) out["pages"] = *doc.pages;
  if (o.sha256) out["sha256"] = *o.sha256;
  if (doc.ocr)
    out["ocr"] = {{"pages", doc.ocr->pages}, {"mean_confidence", doc.ocr->mean_confidence}};
  return out;
}

}  // namespace

json to_json(const Document& doc) { return to_json(Document(doc)); }

json to_json(Document&& doc) {
  json citations = json::array();
  for (const auto& c : doc.citations)
    citations.push_back({{"number", c.number},
                         {"type", opt(c.type)},
                         {"issuer", opt(c.issuer)},
                         {"date", opt(c.date)},
                         {"subject", opt(c.subject)},
                         {"khoa", opt(c.khoa)},
                         {"relation", opt(c.relation)}});
  for (std::size_t i = 0; i < doc.citations.size(); ++i)
    if (doc.citations[i].from_archive) citations[i]["resolved"] = "archive";
  json short_citations = json::array();
  for (const auto& c : doc.short_citations)
    short_citations.push_back({{"type_code", c.type_code}, {"number", c.number}});
  json paragraphs = json::array();
  for (auto& p : doc.paragraphs) {
    json paragraph = json::object();
    paragraph["kind"] = kind_name(p.kind);
    paragraph["text"] = std::move(p.text);
    if (p.page) paragraph["page"] = *p.page;
    if (p.ocr) paragraph["ocr"] = true;
    paragraphs.push_back(std::move(paragraph));
  }
  doc.paragraphs = {};
  json header = nullptr;
  if (doc.header)
    header = {{"number", doc.header->number},          {"issuer", opt(doc.header->issuer)},
              {"place", opt(doc.header->place)},       {"date", opt(doc.header->date)},
              {"doc_type", opt(doc.header->doc_type)}, {"subject", opt(doc.header->subject)}};
  json out = {{"id", doc.id},
              {"title", doc.title},
              {"date", opt(doc.date)},
              {"date_estimated", opt(doc.date_estimated)},
              {"source", opt(doc.source)},
              {"url", opt(doc.url)},
              {"author", opt(doc.author)},
              {"type", doc.type},
              {"provinces", doc.provinces},
              {"primary_province", opt(doc.primary_province)},
              {"province_2025", opt(doc.province_2025)},
              {"districts", doc.districts},
              {"citations", std::move(citations)},
              {"short_citations", std::move(short_citations)},
              {"header", std::move(header)},
              {"paragraphs", json()},
              {"text", json()},
              {"fingerprint", doc.fingerprint},
              {"origin", doc.origin},
              {"extra", std::move(doc.extra)}};
  out["paragraphs"] = std::move(paragraphs);
  out["text"] = std::move(doc.text);
  // Only paged originals (PDF, images) have pages: other records keep their shape.
  if (doc.pages) out["pages"] = *doc.pages;
  if (doc.ocr)
    out["ocr"] = {{"pages", doc.ocr->pages}, {"mean_confidence", doc.ocr->mean_confidence}};
  // Only records read from a legacy encoding carry the note: others keep their shape.
  if (doc.converted_from) out["converted_from"] = *doc.converted_from;
  if (doc.original) out["original"] = original_json(doc);
  return out;
}

Document document_from_json(const json& j) {
  Document d;
  d.id = get_str(j, "id");
  d.title = get_str(j, "title");
  d.date = get_opt(j, "date");
  d.date_estimated = get_opt(j, "date_estimated");
  d.source = get_opt(j, "source");
  d.url = get_opt(j, "url");
  d.author = get_opt(j, "author");
  d.type = get_opt(j, "type").value_or(std::string(kNewsSlug));
  d.provinces = get_list(j, "provinces");
  d.primary_province = get_opt(j, "primary_province");
  d.province_2025 = get_opt(j, "province_2025");
  d.districts = get_list(j, "districts");
  if (auto it = j.find("citations"); it != j.end() && it->is_array())
    for (const auto& c : *it)
      d.citations.push_back({get_str(c, "number"), get_opt(c, "type"), get_opt(c, "issuer"),
                             get_opt(c, "date"), get_opt(c, "subject"), get_opt(c, "khoa"),
                             get_str(c, "resolved") == "archive", get_opt(c, "relation")});
  if (auto it = j.find("short_citations"); it != j.end() && it->is_array())
    for (const auto& c : *it)
      d.short_citations.push_back({get_str(c, "type_code"), get_str(c, "number")});
  if (auto it = j.find("header"); it != j.end() && it->is_object())
    d.header =
        OfficialHeader{get_str(*it, "number"), get_opt(*it, "issuer"),   get_opt(*it, "place"),
                       get_opt(*it, "date"),   get_opt(*it, "doc_type"), get_opt(*it, "subject")};
  if (auto it = j.find("paragraphs"); it != j.end() && it->is_array())
    for (const auto& p : *it) {
      std::string kind = get_str(p, "kind");
      Paragraph& para = d.paragraphs.emplace_back();
      para.kind = kind == "heading"   ? Paragraph::Kind::kHeading
                  : kind == "caption" ? Paragraph::Kind::kCaption
                                      : Paragraph::Kind::kBody;
      para.text = get_str(p, "text");
      if (auto pg = p.find("page"); pg != p.end() && pg->is_number_integer())
        para.page = pg->get<int>();
      para.ocr = p.value("ocr", false);
    }
  d.text = get_str(j, "text");
  if (d.text.empty()) {  // stored without the joined text: rebuild it from the paragraphs
    for (const auto& p : d.paragraphs) {
      if (!d.text.empty()) d.text += '\n';
      d.text += p.text;
    }
  }
  if (auto it = j.find("fingerprint"); it != j.end() && it->is_number_unsigned())
    d.fingerprint = it->get<std::uint64_t>();
  if (auto it = j.find("pages"); it != j.end() && it->is_number_integer()) d.pages = it->get<int>();
  if (auto it = j.find("ocr"); it != j.end() && it->is_object())
    d.ocr = OcrInfo{it->value("pages", 0), it->value("mean_confidence", 0.0)};
  d.origin = get_str(j, "origin");
  d.converted_from = get_opt(j, "converted_from");
  if (auto it = j.find("original"); it != j.end() && it->is_object()) {
    auto bytes = it->find("bytes");
    d.original = OriginalFile{
        get_str(*it, "name"), get_str(*it, "content_type"),
        bytes != it->end() && bytes->is_number_unsigned() ? bytes->get<std::uint64_t>() : 0,
        get_opt(*it, "sha256")};
  }
  if (auto it = j.find("extra"); it != j.end() && it->is_object()) d.extra = *it;
  return d;
}

}  // namespace tracuu::corpus
