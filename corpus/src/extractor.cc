// Metadata extraction: paragraphs, cleaning, title, dates, official header, citations, places.
#include "tracuu/corpus/extractor.h"

#include <re2/re2.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <unordered_set>

#include "citations.h"
#include "gazetteer.h"
#include "html_text.h"
#include "lead_title.h"
#include "pdf_text.h"
#include "text_rules.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::corpus {
namespace {

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::optional<std::string> field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) return std::nullopt;
  return it->get<std::string>();
}

std::vector<Paragraph> lines_to_paragraphs(const std::string& text) {
  std::vector<Paragraph> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string line = trim(text.substr(pos, nl - pos));
    if (!line.empty()) out.push_back({Paragraph::Kind::kBody, line});
    pos = nl + 1;
  }
  return out;
}

// The input fields the extractor does not read itself, kept with the document.
nlohmann::json unknown_fields(const nlohmann::json& fields) {
  static const std::set<std::string> kKnown{"id", "url", "title", "date", "source", "text", "html"};
  nlohmann::json extra = nlohmann::json::object();
  for (auto it = fields.begin(); it != fields.end(); ++it)
    if (!kKnown.count(it.key())) extra[it.key()] = it.value();
  return extra;
}

std::string joined_text(const std::vector<Paragraph>& paragraphs) {
  std::size_t text_bytes = 0;  // reserved: growing by doubling held up to 3x a long text
  for (const auto& p : paragraphs) text_bytes += p.text.size() + 1;
  std::string text;
  text.reserve(text_bytes);
  for (const auto& p : paragraphs) {
    if (!text.empty()) text += '\n';
    text += p.text;
  }
  return text;
}

// An official text's type is its header's (49-CT/TW: "chi-thi"), never news; an article whose
// title opens as a plan or names a report is one.
std::string type_of(const Document& doc, const std::optional<std::string>& title) {
  if (doc.header)
    return doc.header->doc_type ? type_slug(*doc.header->doc_type) : std::string(kUnknownTypeSlug);
  static const DocumentType& kPlan = *type_named("Kế hoạch");
  static const DocumentType& kReport = *type_named("Báo cáo");
  static const std::string kPlanName = tokenizer::normalize(kPlan.name);
  static const std::string kReportName = tokenizer::normalize(kReport.name);
  if (!title) return doc.type;
  std::string t = tokenizer::normalize(*title);
  if (t.find(kReportName) != std::string::npos) return std::string(kReport.slug);
  if (t.starts_with(kPlanName)) return std::string(kPlan.slug);
  return doc.type;
}

// An official text without a title is called by its type, number and subject.
std::string header_title(const OfficialHeader& h) {
  std::string t = h.doc_type.value_or(std::string(type_label(kUnknownTypeSlug))) + " " + h.number;
  if (h.subject) t += " " + *h.subject;
  return t;
}

// Titles cite too ("Triển khai Kết luận 114-KL/TW"); some dumps have the lead as the title. The
// text itself is not a citation of itself.
void find_document_citations(Document& doc, const std::string& norm_title,
                             const std::string& norm_text) {
  CitationScan scan = find_citations(norm_title + "\n" + norm_text);
  doc.citations = std::move(scan.citations);
  doc.short_citations = std::move(scan.unresolved);
  if (!doc.header) return;
  std::erase_if(doc.citations, [&](const Citation& c) { return c.number == doc.header->number; });
  if (auto own = tokenizer::parse_docnum(doc.header->number)) {
    std::erase_if(doc.short_citations, [&](const ShortCitation& c) {
      return c.type_code == own->type_code && c.number == own->number;
    });
  }
}

// The input's own id, else one derived from the URL, else from the text.
std::string document_id(const nlohmann::json& f, const Document& doc, const std::string& norm_title,
                        const std::string& norm_text) {
  if (auto id = field(f, "id")) return *id;
  if (f.contains("id") && f["id"].is_number()) return f["id"].dump();
  if (doc.url) return "u" + hex64(XXH3_64bits(doc.url->data(), doc.url->size())).substr(0, 12);
  return "h" + hex64(XXH3_64bits(norm_text.data(), norm_text.size()) ^
                     XXH3_64bits(norm_title.data(), norm_title.size()))
                   .substr(0, 12);
}

bool word_byte(char c) { return is_word_byte(static_cast<unsigned char>(c)); }

// Calls on_word with the hash of each word of `text`.
template <class OnWord>
void hash_words(std::string_view text, OnWord&& on_word) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !word_byte(text[i])) ++i;
    std::size_t j = i;
    while (j < text.size() && word_byte(text[j])) ++j;
    if (j > i) on_word(XXH3_64bits(text.data() + i, j - i));
    i = j;
  }
}

// Bit counts of the hashes added, eight at a time: byte b of a hash adds one 8-bit lane per bit
// to lanes[b] (spread[v] has 0x01 in lane i when bit i of v is set); lanes are emptied into
// `ones` before they can overflow.
class BitVote {
 public:
  void add(std::uint64_t h) {
    for (int b = 0; b < 8; ++b) lanes_[b] += spread()[(h >> (8 * b)) & 0xFF];
    ++count_;
    if (++pending_ == 255) drain();
  }
  // The hash whose bits are set where most of the hashes added had them set.
  std::uint64_t majority() {
    drain();
    std::uint64_t out = 0;
    for (int bit = 0; bit < 64; ++bit)
      if (2 * static_cast<std::size_t>(ones_[bit]) > count_) out |= 1ull << bit;
    return out;
  }

 private:
  static const std::array<std::uint64_t, 256>& spread() {
    static const auto table = [] {
      std::array<std::uint64_t, 256> t{};
      for (unsigned v = 0; v < 256; ++v)
        for (unsigned i = 0; i < 8; ++i)
          if (v & (1u << i)) t[v] |= 1ull << (8 * i);
      return t;
    }();
    return table;
  }
  void drain() {
    for (int b = 0; b < 8; ++b) {
      for (int i = 0; i < 8; ++i)
        ones_[8 * b + i] += static_cast<std::uint32_t>((lanes_[b] >> (8 * i)) & 0xFF);
      lanes_[b] = 0;
    }
    pending_ = 0;
  }
  std::uint32_t ones_[64] = {};
  std::uint64_t lanes_[8] = {};
  std::size_t pending_ = 0, count_ = 0;
};

// Simhash over word 3-shingles of the normalized title and text (tone placement and look-alikes
// already unified): reposts of one article differ in a few bits. Shingle hashes combine the
// words' hashes, so no string is built per shingle, and they are counted as the words stream
// by: a long text costs no memory (vectors of word and shingle hashes took 16 bytes a word).
std::uint64_t simhash(std::string_view title, std::string_view text) {
  BitVote vote;
  std::uint64_t words[2] = {};  // the two words before the current one
  std::size_t seen = 0;
  auto on_word = [&](std::uint64_t w) {
    if (seen >= 2) {
      vote.add(words[0] * 0x9E3779B97F4A7C15ull ^ (words[1] + 0x632BE59BD9B4E019ull) * 31 ^ w);
      words[0] = words[1];
      words[1] = w;
    } else {
      words[seen] = w;
    }
    ++seen;
  };
  hash_words(title, on_word);
  hash_words(text, on_word);
  if (seen < 3)  // too short for a shingle: the words themselves
    for (std::size_t k = 0; k < seen; ++k) vote.add(words[k]);
  return vote.majority();
}

// A paged original (PDF, image): each paragraph remembers its page, OCR pages are counted.
std::vector<Paragraph> paged_paragraphs(const RawDocument& raw, Document& doc) {
  std::vector<PageText> pages;
  if (raw.format == RawDocument::Format::kPdf) {
    pages = read_pdf(raw.content);
  } else {
    pages.push_back(read_image(raw.content));
  }
  std::vector<Paragraph> out;
  OcrInfo ocr;
  double confidence = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    bool ocred = pages[i].ocr_confidence.has_value();
    for (auto& text : pages[i].paragraphs) {
      Paragraph& p = out.emplace_back();
      p.text = std::move(text);
      p.page = static_cast<int>(i + 1);
      p.ocr = ocred;
    }
    if (ocred) {
      ++ocr.pages;
      confidence += *pages[i].ocr_confidence;
    }
  }
  doc.pages = static_cast<int>(pages.size());
  if (ocr.pages > 0) {
    ocr.mean_confidence = std::round(10 * confidence / ocr.pages) / 10;
    doc.ocr = ocr;
  }
  return out;
}

// What the file itself was; its size is that of `content` for PDF and images.
std::optional<OriginalFile> original_of(const RawDocument& raw) {
  if (!raw.original) return std::nullopt;
  return OriginalFile{raw.original->name,
                      raw.original->content_type,
                      raw.original->bytes.empty() ? raw.content.size() : raw.original->bytes.size(),
                      {}};
}

// The provinces and districts the title and text name; the primary one also by its 2025 name.
void add_places(Document& doc, const Gazetteer& gazetteer, const std::string& norm_title,
                const std::string& norm_text) {
  PlaceMentions places = gazetteer.find(norm_title, norm_text);
  doc.provinces = places.provinces;
  doc.districts = places.districts;
  if (!places.primary.empty()) {
    doc.primary_province = places.primary;
    doc.province_2025 = gazetteer.province_2025(places.primary);
  }
}

// Some news dumps hold the lead where the headline belongs: it goes back into the body. Page dumps
// often repeat the title as the first line of the body: that line goes.
void settle_title(std::optional<std::string>& title, std::vector<Paragraph>& paragraphs,
                  const std::optional<std::string>& url) {
  if (!title) return;
  bool repeated =
      !paragraphs.empty() && tokenizer::fold(paragraphs.front().text) == tokenizer::fold(*title);
  if (reads_as_lead(*title, url)) {
    if (!repeated) paragraphs.insert(paragraphs.begin(), Paragraph(Paragraph::Kind::kBody, *title));
    title = title_from_lead(*title);
  } else if (repeated) {
    paragraphs.erase(paragraphs.begin());
  }
}

}  // namespace

struct Extractor::Impl {
  Gazetteer gazetteer;
  explicit Impl(const std::string& dir) : gazetteer(dir) {}
};

Extractor::Extractor(const std::string& data_dir) : impl_(std::make_unique<Impl>(data_dir)) {}
Extractor::~Extractor() = default;

const Extractor& Extractor::shared() {
  static const Extractor instance(tokenizer::default_data_dir());
  return instance;
}

Document Extractor::extract(const RawDocument& raw) const {
  Document doc;
  doc.origin = raw.origin;
  doc.converted_from = raw.converted_from;
  doc.original = original_of(raw);
  const auto& f = raw.fields;
  std::optional<std::string> title_hint, date_hint;
  std::vector<Paragraph> paragraphs;
  if (raw.format == RawDocument::Format::kHtml) {
    HtmlText html = html_to_text(raw.content);
    paragraphs = std::move(html.blocks);
    title_hint = html.og_title ? html.og_title : html.h1 ? html.h1 : html.title;
    if (html.published) date_hint = parse_any_date(*html.published);
    if (html.url) doc.url = html.url;
    if (html.site) doc.source = html.site;
    // The h1 repeats the title: keep it out of the body.
    if (!paragraphs.empty() && title_hint && paragraphs.front().text == *title_hint)
      paragraphs.erase(paragraphs.begin());
  } else if (raw.format == RawDocument::Format::kPdf || raw.format == RawDocument::Format::kImage) {
    paragraphs = paged_paragraphs(raw, doc);
  } else {
    paragraphs = lines_to_paragraphs(raw.content);
  }
  if (auto t = field(f, "title")) title_hint = t;
  if (auto d = field(f, "date")) date_hint = parse_any_date(*d);
  if (auto u = field(f, "url")) doc.url = u;
  if (auto s = field(f, "source")) doc.source = s;
  if (raw.format == RawDocument::Format::kJson) doc.extra = unknown_fields(f);

  // A date line before the title ("Thứ Hai, 20/5/2024") is the publication date.
  while (!paragraphs.empty() && is_date_line(paragraphs.front().text)) {
    if (!date_hint) date_hint = parse_any_date(paragraphs.front().text);
    paragraphs.erase(paragraphs.begin());
  }
  // An official text's first lines are its header, not a title.
  bool official = parse_official_header(paragraphs).has_value();  // parsed again after cleaning
  if (!title_hint && !official && !paragraphs.empty() &&
      !looks_like_header_line(paragraphs.front().text)) {
    title_hint = paragraphs.front().text;
    paragraphs.erase(paragraphs.begin());
  }

  settle_title(title_hint, paragraphs, doc.url);

  CleanResult cleaned = clean_paragraphs(std::move(paragraphs));
  doc.paragraphs = std::move(cleaned.paragraphs);
  if (cleaned.author) doc.author = cleaned.author;
  if (!doc.source && cleaned.source) doc.source = cleaned.source;
  if (!doc.date && cleaned.date_line) date_hint = date_hint ? date_hint : cleaned.date_line;

  doc.text = joined_text(doc.paragraphs);
  std::string norm_text = tokenizer::normalize_keep_case(doc.text);

  if (official) doc.header = parse_official_header(doc.paragraphs);
  doc.type = type_of(doc, title_hint);
  if (doc.header) {
    if (!date_hint && doc.header->date) date_hint = doc.header->date;
    if (!title_hint) title_hint = header_title(*doc.header);
  }
  doc.title = title_hint ? trim(*title_hint) : std::string();
  if (doc.title.empty()) doc.title = "(không có tiêu đề)";
  doc.date = date_hint;
  std::string norm_title = tokenizer::normalize_keep_case(doc.title);
  if (!doc.date) doc.date_estimated = estimate_date(norm_title, norm_text);
  find_document_citations(doc, norm_title, norm_text);

  add_places(doc, impl_->gazetteer, norm_title, norm_text);

  doc.fingerprint = simhash(norm_title, norm_text);
  doc.id = document_id(f, doc, norm_title, norm_text);
  return doc;
}

}  // namespace tracuu::corpus
