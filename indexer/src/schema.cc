// Document -> Xapian::Document: positional syllables, words, filters and values.
#include "schema.h"

#include "tracuu/indexer/errors.h"
#include "tracuu/tokenizer/pieces.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::indexer::schema {
namespace {

constexpr std::size_t kMaxTermBytes = 200;  // Xapian's limit is ~245 bytes

bool indexable(const tokenizer::Token& t) {
  return t.type != tokenizer::TokenType::kPunct && t.type != tokenizer::TokenType::kSymbol &&
         !t.norm.empty() && t.norm.size() < kMaxTermBytes;
}

// Title positions start far after the body's so phrases never span the two.
// `own_number`: the document's own number when it is an official text; its "Số: ..." line is
// not a citation (the cited-document record would count the text among the documents citing it).
void index_text(Xapian::Document& xdoc, const std::string& text, Xapian::termpos base,
                Xapian::termcount wdf, const std::string& own_number, std::size_t piece_bytes) {
  const auto& tok = tokenizer::Tokenizer::shared();
  // A piece at a time: a whole 60 MB text's tokens and words took ~240 bytes per token.
  tokenizer::for_each_piece(tok, text, piece_bytes, [&](const tokenizer::Piece& piece) {
    for (const auto& t : piece.tokens) {
      if (!indexable(t)) continue;
      // No folded copy: accentless queries reach accented syllables through the synonym table
      // (fold -> accented forms, written by the writer), which saved a quarter of indexing time.
      xdoc.add_posting(t.norm, base + t.position, wdf);
      if (!t.expansion.empty()) {  // UBND also finds "ủy ban nhân dân" and back
        for (const auto& e : tok.tokenize(t.expansion))
          if (indexable(e)) xdoc.add_term(e.norm, wdf);
      }
      if (!t.canonical.empty() && t.type == tokenizer::TokenType::kDocNum &&
          t.canonical != own_number)
        xdoc.add_term(term(kCited, t.canonical), 0);
    }
    for (const auto& w : piece.words) {
      if (w.last_token - w.first_token < 2 || w.norm.size() >= kMaxTermBytes) continue;
      xdoc.add_term(term(kWord, w.norm), wdf);
    }
  });
}

void add_boolean(Xapian::Document& xdoc, const char* prefix, const std::string& value) {
  if (value.empty()) return;
  std::string t = term(prefix, value);
  if (t.size() < kMaxTermBytes) xdoc.add_boolean_term(t);
}

bool ascii_capital(char c) { return c >= 'A' && c <= 'Z'; }

// The document's JSON as stored. The text is stored once, as paragraphs; document_from_json
// joins them back. The texts move into the JSON, which is gone before the caller copies the
// result into the Xapian document: a long text is held at most three times over, not six.
std::string stored_data(corpus::Document&& doc) {
  const bool as_paragraphs = !doc.paragraphs.empty();
  if (as_paragraphs) doc.text = std::string();
  nlohmann::json data = corpus::to_json(std::move(doc));
  if (as_paragraphs) data.erase("text");
  return data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string term(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  if (prefix.size() > 1 && !value.empty() && (ascii_capital(value[0]) || value[0] == ':'))
    out += ':';
  out += value;
  return out;
}

std::optional<std::string> value_of(std::string_view t, std::string_view prefix) {
  std::size_t end = 0;
  while (end < t.size() && ascii_capital(t[end])) ++end;
  // A single-letter prefix is one capital, whatever follows ("Y2019"; Q ids may open with one).
  if (prefix.size() == 1) end = std::min<std::size_t>(end, 1);
  if (t.substr(0, end) != prefix) return std::nullopt;
  if (prefix.size() > 1 && end < t.size() && t[end] == ':') ++end;
  return std::string(t.substr(end));
}

void stamp_version(Xapian::WritableDatabase& shard) { shard.set_metadata(kVersionKey, kVersion); }

void check_version(const Xapian::Database& db, const std::string& where) {
  std::string found = db.get_metadata(kVersionKey);
  if (found == kVersion) return;
  // An empty database (created by hand, or by an older version that wrote nothing) has no terms
  // to misread: the writer stamps it with its first commit.
  if (found.empty() && db.get_doccount() == 0) return;
  throw IndexError(IndexErrorKind::kSchema, where + " was written with index schema " +
                                                (found.empty() ? "1" : found) +
                                                ", this program reads schema " + kVersion +
                                                ": rebuild it (tracuu index --rebuild)");
}

std::string join_values(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += '\n';
    out += v;
  }
  return out;
}

std::vector<std::string> split_values(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < joined.size()) {
    std::size_t nl = joined.find('\n', pos);
    if (nl == std::string::npos) nl = joined.size();
    if (nl > pos) out.push_back(joined.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

std::string short_key(const corpus::ShortCitation& c) { return c.type_code + " " + c.number; }

Xapian::Document build_document(const corpus::Document& doc, std::size_t piece_bytes) {
  return build_document(corpus::Document(doc), piece_bytes);
}

Xapian::Document build_document(corpus::Document&& doc, std::size_t piece_bytes) {
  Xapian::Document xdoc;
  const std::string own_number = doc.header ? doc.header->number : "";
  index_text(xdoc, doc.text, 1, 1, own_number, piece_bytes);
  // Title weighted above body.
  index_text(xdoc, doc.title, 1'000'000, 3, own_number, piece_bytes);
  add_boolean(xdoc, kId, doc.id);
  add_boolean(xdoc, kType, doc.type);
  for (const auto& p : doc.provinces) add_boolean(xdoc, kProvince, p);
  if (doc.primary_province) add_boolean(xdoc, kPrimaryProvince, *doc.primary_province);
  if (doc.province_2025) add_boolean(xdoc, kProvince2025, *doc.province_2025);
  for (const auto& d : doc.districts) add_boolean(xdoc, kDistrict, d);
  std::vector<std::string> cited;
  for (const auto& c : doc.citations) {
    add_boolean(xdoc, kCited, c.number);
    cited.push_back(c.number);
    if (c.issuer) add_boolean(xdoc, kIssuer, *c.issuer);
  }
  for (const auto& c : doc.short_citations) add_boolean(xdoc, kShortCited, short_key(c));
  if (doc.header) add_boolean(xdoc, kHeaderNumber, doc.header->number);
  if (doc.source) add_boolean(xdoc, kSource, *doc.source);
  // What keeps a stored original alive: the store's sweep removes files no XO term names.
  if (doc.original && doc.original->sha256) add_boolean(xdoc, kOriginal, *doc.original->sha256);
  const auto& date = doc.date ? doc.date : doc.date_estimated;
  std::string year;
  if (date && date->size() >= 10) {
    year = date->substr(0, 4);
    add_boolean(xdoc, kYear, year);
    add_boolean(xdoc, kMonth, date->substr(0, 4) + date->substr(5, 2));
    xdoc.add_value(kDate, date->substr(0, 4) + date->substr(5, 2) + date->substr(8, 2));
    if (!doc.date) xdoc.add_value(kDateEstimated, "1");
  }
  xdoc.add_value(kCitationCount, Xapian::sortable_serialise(static_cast<double>(cited.size())));
  xdoc.add_value(kFacetProvince, join_values(doc.provinces));
  xdoc.add_value(kFacetCited, join_values(cited));
  xdoc.add_value(kFacetType, doc.type);
  if (!year.empty()) xdoc.add_value(kFacetYear, year);
  xdoc.set_data(stored_data(std::move(doc)));
  return xdoc;
}

}  // namespace tracuu::indexer::schema
