// Query parsing with the same tokenizer as indexing, so segmentation and folding agree.
#include "query_parser.h"

#include <algorithm>
#include <optional>

#include "keyboard.h"
#include "schema.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/indexer/search_request.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::indexer {
namespace {

constexpr std::size_t kMaxQueryBytes = 1000;

struct Item {
  enum class Kind { kText, kPhrase, kField, kAnd, kOr, kNot } kind;
  std::string text;
  std::string field;
  bool negated = false;
  std::size_t start = 0;  // of `text` in the input
};

// Splits on spaces, keeping "quoted phrases" and field:"quoted values" whole. An
// unbalanced quote extends to the end of the input.
std::vector<Item> lex(const std::string& s) {
  std::vector<Item> items;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    bool negated = false;
    if (s[i] == '-' && i + 1 < s.size() && s[i + 1] != ' ') {
      negated = true;
      ++i;
    }
    if (s[i] == '"') {
      std::size_t close = s.find('"', i + 1);
      std::size_t end = close == std::string::npos ? s.size() : close;
      items.push_back({Item::Kind::kPhrase, s.substr(i + 1, end - i - 1), "", negated, i + 1});
      i = close == std::string::npos ? s.size() : close + 1;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '"') ++j;
    std::string word = s.substr(i, j - i);
    auto colon = word.find(':');
    if (colon != std::string::npos && colon > 0 && colon + 1 <= word.size()) {
      std::string field = tokenizer::fold(word.substr(0, colon));
      if (field == "tinh" || field == "so" || field == "loai" || field == "nam" ||
          field == "province" || field == "directive" || field == "type" || field == "year") {
        std::string value = word.substr(colon + 1);
        if (value.empty() && j < s.size() && s[j] == '"') {
          std::size_t close = s.find('"', j + 1);
          std::size_t end = close == std::string::npos ? s.size() : close;
          value = s.substr(j + 1, end - j - 1);
          j = close == std::string::npos ? s.size() : close + 1;
        }
        items.push_back({Item::Kind::kField, value, field, negated});
        i = j;
        continue;
      }
    }
    if (!negated && (word == "AND" || word == "VÀ"))
      items.push_back({Item::Kind::kAnd, word, "", false});
    else if (!negated && (word == "OR" || word == "HOẶC"))
      items.push_back({Item::Kind::kOr, word, "", false});
    else if (!negated && (word == "NOT" || word == "KHÔNG"))
      items.push_back({Item::Kind::kNot, word, "", false});
    else
      items.push_back({Item::Kind::kText, word, "", negated, i});
    i = j;
  }
  // Adjacent plain words form one text run, so segmentation and "Kết luận 114" see them together.
  std::vector<Item> merged;
  for (auto& item : items) {
    if (item.kind == Item::Kind::kText && !item.negated && !merged.empty() &&
        merged.back().kind == Item::Kind::kText && !merged.back().negated) {
      merged.back().text =
          s.substr(merged.back().start, item.start + item.text.size() - merged.back().start);
    } else {
      merged.push_back(std::move(item));
    }
  }
  return merged;
}

// A word matches its accented form (full weight) or any form with the same letters (lower).
Xapian::Query word_query(const tokenizer::Token& t, const IndexView& db) {
  Xapian::Query forms = forms_query(t.fold, db);
  if (t.norm == t.fold) return forms;
  return Xapian::Query(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(t.norm), 2.0),
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, forms, 0.5));
}

// "Kết luận 114", "KL 114", "ket luan 114": every canonical number with that type and number.
std::optional<Xapian::Query> short_docnum_query(const std::string& type_word,
                                                const std::string& number) {
  const corpus::DocumentType* type = corpus::type_named(type_word);
  auto short_named = corpus::short_named_types();
  if (!type || std::find(short_named.begin(), short_named.end(), type) == short_named.end())
    return std::nullopt;
  const std::string code(type->code);
  // Party ("114-KL/") and state ("114/KL-") numbering; the documents citing it and the archived
  // text itself, as docnum_query.
  std::vector<Xapian::Query> any;
  for (const char* field : {schema::kCited, schema::kHeaderNumber})
    for (const std::string& form : {number + "-" + code + "/", number + "/" + code + "-"})
      any.emplace_back(Xapian::Query::OP_WILDCARD, schema::term(field, form), 50);
  return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

bool is_letters(const tokenizer::Token& t) {
  return t.type == tokenizer::TokenType::kWord || t.type == tokenizer::TokenType::kAbbrev;
}

// "49 CT TW", "49ct/tw", "49 CT": a number followed by its type code and issuer typed apart (the
// tokenizer sees no document number in them). Sets `used` to the tokens it takes.
std::optional<Xapian::Query> spaced_number(const std::vector<tokenizer::Token>& tokens,
                                           std::size_t i, std::size_t& used) {
  if (i + 1 >= tokens.size() || !is_letters(tokens[i + 1])) return std::nullopt;
  const corpus::DocumentType* type = corpus::type_named(tokens[i + 1].norm);
  if (!type || tokenizer::fold(type->code) != tokens[i + 1].fold) return std::nullopt;
  std::size_t k = i + 2;
  if (k < tokens.size() && tokens[k].type == tokenizer::TokenType::kPunct &&
      (tokens[k].norm == "/" || tokens[k].norm == "-"))
    ++k;
  const std::string& n = tokens[i].norm;
  const std::string code(type->code);
  std::vector<Xapian::Query> any;
  if (k < tokens.size() && is_letters(tokens[k])) {
    // Party ("49-CT/TW") or state ("16/CT-TTg") numbering: whichever the archive holds.
    for (const std::string& form :
         {n + "-" + code + "/" + tokens[k].norm, n + "/" + code + "-" + tokens[k].norm})
      if (auto d = tokenizer::parse_docnum(form)) any.push_back(docnum_query(d->canonical));
  }
  if (!any.empty()) {
    used = k - i + 1;
    return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  used = 2;
  return short_docnum_query(tokens[i + 1].norm, n);
}

// "Kết luận 114", "KL 114", "Chỉ thị số 49": the type words (and "số") before a number.
std::optional<Xapian::Query> typed_before(const std::vector<tokenizer::Token>& tokens,
                                          std::size_t i, std::vector<char>& consumed) {
  std::size_t end = i;  // one past the type words
  if (end >= 2 && tokens[end - 1].fold == "so") --end;
  std::optional<Xapian::Query> q;
  std::size_t from = end;
  if (end >= 2 &&
      (q = short_docnum_query(tokens[end - 2].norm + " " + tokens[end - 1].norm, tokens[i].norm)))
    from = end - 2;
  else if (end >= 1 && (q = short_docnum_query(tokens[end - 1].norm, tokens[i].norm)))
    from = end - 1;
  if (q)
    for (std::size_t k = from; k < i; ++k) consumed[k] = 1;
  return q;
}

// Document numbers typed in words: the type words are part of the number, not text to match.
// Marks the tokens taken consumed and returns each number token's query.
std::vector<std::optional<Xapian::Query>> short_numbers(const std::vector<tokenizer::Token>& tokens,
                                                        std::vector<char>& consumed) {
  std::vector<std::optional<Xapian::Query>> out(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].type != tokenizer::TokenType::kNumber || consumed[i]) continue;
    out[i] = typed_before(tokens, i, consumed);
    std::size_t used = 0;
    if (!out[i] && (out[i] = spaced_number(tokens, i, used)))
      for (std::size_t k = i + 1; k < i + used; ++k) consumed[k] = 1;
  }
  return out;
}

// One syllable of a phrase: the accented syllable as typed, or any form of an accentless one
// (so "dan van kheo" in quotes is still a phrase).
Xapian::Query phrase_part(const tokenizer::Token& t, const IndexView& db) {
  if (t.norm != t.fold) return Xapian::Query(t.norm);
  constexpr std::size_t kMaxForms = 32;
  std::vector<Xapian::Query> forms{Xapian::Query(t.fold)};
  for (auto it = db.synonyms_begin(t.fold);
       it != db.synonyms_end(t.fold) && forms.size() < kMaxForms; ++it)
    forms.emplace_back(*it);
  return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
}

// The phrase of a name spelled out ("ủy ban nhân dân").
Xapian::Query spelled_out(const std::string& expansion) {
  std::vector<Xapian::Query> spelled;
  for (const auto& e : tokenizer::Tokenizer::shared().tokenize(expansion))
    if (e.type == tokenizer::TokenType::kWord) spelled.emplace_back(e.norm);
  return Xapian::Query(Xapian::Query::OP_PHRASE, spelled.begin(), spelled.end());
}

// A word's strict query. An abbreviation, typed in any case and with or without accents ("UBND",
// "ubnd", "hdnd"), also finds the texts that spell it out; the reverse holds because the writer
// indexes an abbreviation's expansion with it. A lowercase word is read as one only when it
// cannot be a syllable ("tu" stays a word, "ubnd" does not).
Xapian::Query plain_word_query(const tokenizer::Token& t, const IndexView& db) {
  std::vector<std::string> expansions;
  if (t.type == tokenizer::TokenType::kAbbrev && !t.expansion.empty())
    expansions = {t.expansion};
  else if (t.type == tokenizer::TokenType::kWord && !syllable_shaped(t.fold))
    expansions = tokenizer::Tokenizer::shared().expansions_of(t.norm);
  if (expansions.empty()) return word_query(t, db);
  std::vector<Xapian::Query> any{word_query(t, db)};
  for (const auto& e : expansions) any.push_back(spelled_out(e));
  return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

// A name spelled out in the query, accents optional ("uy ban nhan dan"), starting at token i:
// how many tokens it takes (0 for none) and its query, the same as its abbreviation's ("UBND").
std::size_t long_form(const std::vector<tokenizer::Token>& tokens,
                      const std::vector<char>& consumed, std::size_t i, const IndexView& db,
                      Xapian::Query& q) {
  constexpr std::size_t kMaxWords = 8;
  const auto& tok = tokenizer::Tokenizer::shared();
  std::size_t words = 0;
  while (i + words < tokens.size() && words < kMaxWords &&
         tokens[i + words].type == tokenizer::TokenType::kWord && !consumed[i + words])
    ++words;
  for (std::size_t n = words; n >= 2; --n) {
    std::string name;
    for (std::size_t k = i; k < i + n; ++k) name += (name.empty() ? "" : " ") + tokens[k].fold;
    std::string abbreviation = tok.abbreviation_for(name);
    if (abbreviation.empty()) continue;
    std::vector<Xapian::Query> any{forms_query(tokenizer::fold(abbreviation), db)};
    for (const auto& e : tok.expansions_of(abbreviation))
      if (tokenizer::fold(e) == name) any.push_back(spelled_out(e));
    q = Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
    return n;
  }
  return 0;
}

// A text run or a phrase, taken apart: the strict query and the pieces the relaxed pass uses.
struct TextQuery {
  Xapian::Query strict;
  std::vector<Xapian::Query> numbers;                        // required in every pass
  std::vector<std::pair<std::size_t, Xapian::Query>> words;  // index in ParsedQuery::words
  bool phrase = false;  // `strict` is a phrase: the relaxed pass keeps it whole
};

TextQuery text_query(const Item& item, const IndexView& db, ParsedQuery& out) {
  const auto& tok = tokenizer::Tokenizer::shared();
  auto tokens = tok.tokenize(item.text);
  std::vector<char> consumed(tokens.size(), 0);
  auto numbers = short_numbers(tokens, consumed);
  TextQuery tq;
  std::vector<Xapian::Query> phrase_terms;
  bool phrase_ok = item.kind == Item::Kind::kPhrase;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    if (consumed[i]) continue;
    if (t.type == tokenizer::TokenType::kPunct || t.type == tokenizer::TokenType::kSymbol) continue;
    if ((t.type == tokenizer::TokenType::kDocNum && !t.canonical.empty()) || numbers[i]) {
      tq.numbers.push_back(numbers[i] ? *numbers[i] : docnum_query(t.canonical));
      if (!numbers[i]) out.numbers.push_back(t.canonical);
      phrase_ok = false;
      continue;
    }
    Xapian::Query name;
    std::size_t n = item.kind == Item::Kind::kPhrase ? 0 : long_form(tokens, consumed, i, db, name);
    tq.words.emplace_back(out.words.size(), n ? name : plain_word_query(t, db));
    for (std::size_t k = i; k < i + std::max<std::size_t>(n, 1); ++k) {
      out.words.push_back(tokens[k].norm);
      out.spans.push_back({item.start + tokens[k].start, item.start + tokens[k].end, false});
      phrase_terms.push_back(phrase_part(tokens[k], db));
    }
    if (n) i += n - 1;
  }
  std::vector<Xapian::Query> parts = tq.numbers;
  for (const auto& w : tq.words) parts.push_back(w.second);
  if (parts.empty()) return tq;
  if (phrase_ok && phrase_terms.size() > 1) {
    // A phrase matches the syllables in order, an accentless one in any of their forms.
    tq.strict = Xapian::Query(Xapian::Query::OP_PHRASE, phrase_terms.begin(), phrase_terms.end());
    tq.phrase = true;
    return tq;
  }
  tq.strict = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  return tq;
}

Xapian::Query field_query(const std::string& field, const std::string& value, const IndexView& db) {
  if (field == "tinh" || field == "province")
    return Xapian::Query(schema::term(schema::kProvince, canonical_province(value, db)));
  if (field == "so" || field == "directive") {
    auto d = tokenizer::parse_docnum(value);
    return docnum_query(d ? d->canonical : value);
  }
  if (field == "loai" || field == "type")
    return Xapian::Query(schema::term(schema::kType, type_slug(value)));
  return Xapian::Query(schema::term(schema::kYear, value));
}

}  // namespace

Xapian::Query forms_query(const std::string& fold, const IndexView& db) {
  constexpr std::size_t kMaxForms = 32;
  std::vector<Xapian::Query> forms{Xapian::Query(fold)};
  for (auto it = db.synonyms_begin(fold); it != db.synonyms_end(fold) && forms.size() < kMaxForms;
       ++it)
    forms.emplace_back(*it);
  if (forms.size() == 1) return forms.front();
  return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
}

Xapian::Query docnum_query(const std::string& canonical) {
  return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(schema::term(schema::kCited, canonical)),
                       Xapian::Query(schema::term(schema::kHeaderNumber, canonical)));
}

namespace {

// Runs of the `gaps` characters become one `joiner`, none at the ends: "  Sơn \t La " ->
// "Sơn La"; with '-' and "_ -": "kế  hoạch" -> "kế-hoạch".
std::string squeeze(std::string_view text, std::string_view gaps, char joiner) {
  std::string out;
  for (char c : text) {
    bool gap = gaps.find(c) != std::string_view::npos;
    if (gap && (out.empty() || out.back() == joiner)) continue;
    out += gap ? joiner : c;
  }
  if (!out.empty() && out.back() == joiner) out.pop_back();
  return out;
}

}  // namespace

std::string type_slug(const std::string& typed) {
  // Slugs, labels and names go through the one table of types ("Bộ luật" and "Tin tức" too); an
  // unknown type is still spelled as a slug would be.
  if (auto slug = corpus::typed_type_slug(typed)) return std::string(*slug);
  return squeeze(tokenizer::fold(typed), " \t\n\r_-", '-');
}

std::string canonical_province(const std::string& typed, const IndexView& db) {
  std::string name = squeeze(tokenizer::normalize_keep_case(typed), " \t\n\r", ' ');
  if (db.term_exists(schema::term(schema::kProvince, name))) return name;
  // Accents or case typed differently: the one province whose folded name matches.
  std::string folded = tokenizer::fold(name);
  const std::string prefix = schema::kProvince;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    auto candidate = schema::value_of(*t, prefix);  // not the XPP and XPN terms
    if (candidate && tokenizer::fold(*candidate) == folded) return *candidate;
  }
  return name;
}

namespace {

// The query's parts in the order typed: AND between them unless OR joins two.
struct Conjunction {
  std::vector<Xapian::Query> must, must_not;
  std::vector<std::optional<TextQuery>> text;  // per `must`: a text run the relaxed pass may relax

  void add(Xapian::Query q, std::optional<TextQuery> t, bool negated, bool ored) {
    if (negated) {
      must_not.push_back(std::move(q));
    } else if (ored && !must.empty()) {
      must.back() = Xapian::Query(Xapian::Query::OP_OR, must.back(), q);
      text.back().reset();  // an OR group stays whole
    } else {
      must.push_back(std::move(q));
      text.push_back(std::move(t));
    }
  }

  // ParsedQuery's pieces for the relaxed pass.
  void take_apart(ParsedQuery& out) const {
    out.excluded = must_not;
    for (std::size_t i = 0; i < must.size(); ++i) {
      if (!text[i] || text[i]->phrase) {
        out.required.push_back(must[i]);
        continue;
      }
      for (const auto& n : text[i]->numbers) out.required.push_back(n);
      for (const auto& w : text[i]->words) {
        out.optional_words.push_back(w);
        out.spans[w.first].optional = true;
      }
    }
  }
};

}  // namespace

std::string rewritten(const ParsedQuery& parsed, const std::vector<std::string>& replacement) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t i = 0; i < parsed.spans.size() && i < replacement.size(); ++i) {
    if (replacement[i] == parsed.words[i]) continue;
    const auto& span = parsed.spans[i];
    out += parsed.input.substr(at, span.start - at) + replacement[i];
    at = span.end;
  }
  return out + parsed.input.substr(at);
}

ParsedQuery parse_query(const std::string& raw, const IndexView& db) {
  if (raw.size() > kMaxQueryBytes)
    throw QueryError("query_too_long", "query is longer than 1000 bytes", "query");
  ParsedQuery out;
  out.input = tokenizer::normalize_keep_case(raw);  // also replaces invalid UTF-8
  Conjunction parts;
  enum class Pending { kAnd, kOr, kNot } pending = Pending::kAnd;
  for (const auto& item : lex(out.input)) {
    if (item.kind == Item::Kind::kAnd || item.kind == Item::Kind::kOr ||
        item.kind == Item::Kind::kNot) {
      pending = item.kind == Item::Kind::kAnd  ? Pending::kAnd
                : item.kind == Item::Kind::kOr ? Pending::kOr
                                               : Pending::kNot;
      continue;
    }
    std::optional<TextQuery> text;
    Xapian::Query q;
    if (item.kind == Item::Kind::kField) {
      q = field_query(item.field, item.text, db);
    } else {
      text = text_query(item, db, out);
      q = text->strict;
    }
    if (q.empty()) continue;
    parts.add(q, std::move(text), item.negated || pending == Pending::kNot,
              pending == Pending::kOr);
    pending = Pending::kAnd;
  }
  // Never Xapian::Query::MatchAll: it is one global object whose reference count is not atomic,
  // and copying it from several server threads at once freed it under their feet (a crash under
  // load). An empty term is the same query, owned by this thread.
  if (parts.must.empty() && parts.must_not.empty()) {
    out.query = Xapian::Query(std::string());
    return out;
  }
  out.empty = false;
  Xapian::Query base = parts.must.empty() ? Xapian::Query(std::string())
                                          : Xapian::Query(Xapian::Query::OP_AND, parts.must.begin(),
                                                          parts.must.end());
  for (const auto& n : parts.must_not) base = Xapian::Query(Xapian::Query::OP_AND_NOT, base, n);
  out.query = base;
  parts.take_apart(out);
  return out;
}

}  // namespace tracuu::indexer
