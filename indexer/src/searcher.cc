// The query side: filtered, faceted search with snippets; documents, directives, suggestions.
#include "tracuu/indexer/searcher.h"

#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "errors.h"
#include "filters.h"
#include "query_parser.h"
#include "schema.h"
#include "shards.h"
#include "tracuu/indexer/html.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::indexer {
namespace {

constexpr Xapian::doccount kFacetSample = 2000;

// Counts the facet values ('\n'-joined lists in slots 3-6) of every document the match looks
// at. When Xapian stops early (more matches than the facet sample), counts are scaled to the
// estimated total and marked as estimates.
class FacetSpy : public Xapian::MatchSpy {
 public:
  static constexpr std::array<Xapian::valueno, 4> kSlots{
      schema::kFacetProvince, schema::kFacetDirective, schema::kFacetType, schema::kFacetYear};
  // `streams`: read slots through value streams. Only for a single shard: over several shards
  // Xapian runs the spy shard by shard with each shard's own docids, which a stream over the
  // combined database cannot follow.
  FacetSpy(const Xapian::Database& db, bool streams) : db_(db), use_streams_(streams) {}
  // Values are counted through string_views into the slot's string (same splitting as
  // schema::split_values): the spy runs for up to kFacetSample documents per search, and a
  // string per value and a vector per slot were a visible share of search time.
  void operator()(const Xapian::Document& doc, double) override {
    ++seen_;
    for (std::size_t f = 0; f < kSlots.size(); ++f) {
      const std::string joined = value(f, doc);
      std::string_view rest(joined);
      while (!rest.empty()) {
        std::size_t nl = std::min(rest.find('\n'), rest.size());
        if (nl > 0) {
          std::string_view v = rest.substr(0, nl);
          auto& counts = counts_[f];
          if (auto it = counts.find(v); it != counts.end())
            ++it->second;
          else
            counts.emplace(std::string(v), 1);
        }
        rest.remove_prefix(std::min(nl + 1, rest.size()));
      }
    }
  }
  std::size_t seen() const { return seen_; }
  FacetCounts top(std::size_t facet, std::size_t limit, double scale) const {
    FacetCounts out;
    for (const auto& [k, v] : counts_[facet])
      out.emplace_back(k, static_cast<std::size_t>(static_cast<double>(v) * scale + 0.5));
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (out.size() > limit) out.resize(limit);
    return out;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Document::get_value looks its slot up from scratch (a B-tree search and a copy of the
  // whole value chunk) for each document; the matcher hands the spy documents in ascending
  // docid order, so one value stream per slot, moved forward with skip_to, reads each chunk
  // once. A document behind a stream's position (never seen so far) falls back to get_value.
  std::string value(std::size_t f, const Xapian::Document& doc) {
    if (!use_streams_) return doc.get_value(kSlots[f]);
    Xapian::docid did = doc.get_docid();
    if (!streams_open_) {
      for (std::size_t i = 0; i < kSlots.size(); ++i)
        streams_[i] = db_.valuestream_begin(kSlots[i]);
      streams_open_ = true;
    }
    auto& it = streams_[f];
    if (did < last_[f]) return doc.get_value(kSlots[f]);
    last_[f] = did;
    if (it == Xapian::ValueIterator()) return {};
    if (it.get_docid() < did) {
      it.skip_to(did);
      if (it == Xapian::ValueIterator()) return {};
    }
    return it.get_docid() == did ? *it : std::string();
  }

  const Xapian::Database& db_;
  bool use_streams_;
  bool streams_open_ = false;
  std::array<Xapian::ValueIterator, 4> streams_;
  std::array<Xapian::docid, 4> last_{};
  std::size_t seen_ = 0;
  std::array<std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>, 4> counts_;
};

// The best ~40-token window of the text, matches in <mark>, the rest escaped. The text is
// tokenized a slice at a time and the scan stops once a window holds every query word: most
// matches are near the top of an article, and tokenizing whole texts dominated query time.
std::string make_snippet(const std::string& text, const std::vector<std::string>& words) {
  const auto& tok = tokenizer::Tokenizer::shared();
  constexpr std::size_t kWindow = 40, kMaxScan = 20000;
  // Without query words the window is the text's start: a slice of ~100 syllables is plenty.
  const std::size_t kSlice = words.empty() ? 640 : 1024;
  std::set<std::string> wanted;
  for (const auto& w : words) wanted.insert(tokenizer::fold(w));
  std::string_view body(text);
  std::string_view best_slice;
  std::vector<tokenizer::Token> best_tokens;
  std::vector<char> best_hits;
  std::size_t best = 0, best_score = 0;
  std::size_t offset = 0;
  while (offset < body.size() && offset < kMaxScan) {
    // Cut slices at a space so no word is split.
    std::size_t end = std::min(body.size(), offset + kSlice);
    if (end < body.size()) {
      std::size_t space = body.rfind(' ', end);
      if (space != std::string_view::npos && space > offset) end = space;
    }
    std::string_view slice = body.substr(offset, end - offset);
    auto tokens = tok.tokenize(slice);
    std::vector<char> hit(tokens.size(), 0);
    for (std::size_t i = 0; i < tokens.size(); ++i) hit[i] = wanted.count(tokens[i].fold) ? 1 : 0;
    std::size_t score = 0, slice_best = 0, slice_score = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      score += static_cast<std::size_t>(hit[i]);
      if (i >= kWindow) score -= static_cast<std::size_t>(hit[i - kWindow]);
      if (score > slice_score) {
        slice_score = score;
        slice_best = i >= kWindow ? i - kWindow + 1 : 0;
      }
    }
    if (best_tokens.empty() || slice_score > best_score) {
      best_slice = slice;
      best_tokens = std::move(tokens);
      best_hits = std::move(hit);
      best = slice_best;
      best_score = slice_score;
    }
    if (wanted.empty() || best_score >= std::min<std::size_t>(wanted.size(), kWindow)) break;
    offset = end;
  }
  if (best_tokens.empty()) return "";
  std::string_view part = best_slice;
  std::size_t last = std::min(best_tokens.size(), best + kWindow) - 1;
  std::size_t pos = best_tokens[best].start;
  std::string out = (best > 0 || part.data() != body.data()) ? "…" : "";
  for (std::size_t i = best; i <= last; ++i) {
    out += html_escape(part.substr(pos, best_tokens[i].start - pos));
    std::string_view t = best_tokens[i].text(part);
    if (best_hits[i])
      out += "<mark>" + html_escape(t) + "</mark>";
    else
      out += html_escape(t);
    pos = best_tokens[i].end;
  }
  bool more =
      last + 1 < best_tokens.size() || part.data() + part.size() < body.data() + body.size();
  if (more) out += "…";
  return out;
}

// The fields of a stored document that a hit shows, with corpus::document_from_json's meaning.
struct HitFields {
  std::string id, title, type = "news", text;
  std::optional<std::string> date, date_estimated, primary_province;
  std::vector<std::string> provinces, citations, paragraphs;
};

// Reads HitFields from a stored document's JSON as it is lexed, without building a DOM: the
// data is mostly paragraph text plus fields a hit never shows, and building the whole DOM of
// every hit (then a corpus::Document from it) cost more than the match itself.
class HitFieldsReader final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit HitFieldsReader(HitFields& out) : out_(out) {}

  bool null() override { return element(); }
  bool boolean(bool) override { return element(); }
  bool number_integer(number_integer_t) override { return element(); }
  bool number_unsigned(number_unsigned_t) override { return element(); }
  bool number_float(number_float_t, const string_t&) override { return element(); }
  bool binary(binary_t&) override { return element(); }
  bool string(string_t& s) override {
    if (depth_ == 1) {
      switch (field_) {
        case Field::kId:
          out_.id = std::move(s);
          break;
        case Field::kTitle:
          out_.title = std::move(s);
          break;
        case Field::kDate:
          out_.date = std::move(s);
          break;
        case Field::kDateEstimated:
          out_.date_estimated = std::move(s);
          break;
        case Field::kType:
          out_.type = std::move(s);
          break;
        case Field::kPrimaryProvince:
          out_.primary_province = std::move(s);
          break;
        case Field::kText:
          out_.text = std::move(s);
          break;
        default:
          break;
      }
    } else if (depth_ == 2 && array_ == Field::kProvinces) {
      out_.provinces.push_back(std::move(s));
    } else if (depth_ == 3 && wanted_key_) {
      (array_ == Field::kCitations ? out_.citations : out_.paragraphs).back() = std::move(s);
    }
    return element();
  }
  bool start_object(std::size_t) override {
    element();
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    element();
    if (depth_ == 1) array_ = field_;
    ++depth_;
    return true;
  }
  bool end_array() override {
    if (--depth_ == 1) array_ = Field::kOther;
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 1) field_ = field_of(k);
    if (depth_ == 3)
      wanted_key_ = (array_ == Field::kCitations && k == "number") ||
                    (array_ == Field::kParagraphs && k == "text");
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  enum class Field {
    kOther,
    kId,
    kTitle,
    kDate,
    kDateEstimated,
    kType,
    kPrimaryProvince,
    kProvinces,
    kCitations,
    kParagraphs,
    kText
  };
  static Field field_of(const std::string& k) {
    static const std::unordered_map<std::string, Field> fields{
        {"id", Field::kId},
        {"title", Field::kTitle},
        {"date", Field::kDate},
        {"date_estimated", Field::kDateEstimated},
        {"type", Field::kType},
        {"primary_province", Field::kPrimaryProvince},
        {"provinces", Field::kProvinces},
        {"citations", Field::kCitations},
        {"paragraphs", Field::kParagraphs},
        {"text", Field::kText}};
    auto it = fields.find(k);
    return it == fields.end() ? Field::kOther : it->second;
  }
  // Every value directly in the citations or paragraphs array is one entry, as in
  // document_from_json (a non-object one has an empty number or text).
  bool element() {
    if (depth_ == 2 && (array_ == Field::kCitations || array_ == Field::kParagraphs)) {
      (array_ == Field::kCitations ? out_.citations : out_.paragraphs).emplace_back();
      wanted_key_ = false;
    }
    return true;
  }

  HitFields& out_;
  int depth_ = 0;
  Field field_ = Field::kOther;  // of the last key of the top-level object
  Field array_ = Field::kOther;  // the top-level array being read
  bool wanted_key_ = false;      // the last key in an entry of that array is the one read
};

HitFields read_hit_fields(const std::string& data) {
  HitFields f;
  HitFieldsReader reader(f);
  if (!nlohmann::json::sax_parse(data, &reader)) return HitFields{};
  if (f.text.empty()) {  // stored as paragraphs only (see schema::build_document)
    for (const auto& p : f.paragraphs) {
      if (!f.text.empty()) f.text += '\n';
      f.text += p;
    }
  }
  return f;
}

Hit make_hit(const Xapian::Document& xdoc, double score, const std::vector<std::string>& words) {
  HitFields doc = read_hit_fields(xdoc.get_data());
  Hit h;
  h.id = std::move(doc.id);
  h.title = std::move(doc.title);
  h.date_estimated = !doc.date && doc.date_estimated;
  h.date = doc.date ? std::move(doc.date) : std::move(doc.date_estimated);
  h.type = std::move(doc.type);
  h.primary_province = std::move(doc.primary_province);
  h.provinces = std::move(doc.provinces);
  h.citations = std::move(doc.citations);
  h.score = score;
  h.snippet = make_snippet(doc.text, words);
  return h;
}

// The syllables an accentless query word may stand for (its accented forms from the synonym
// table, and itself), with the log of their document frequencies, most frequent first. An
// accented word stands only for itself.
struct Form {
  std::string text;
  double weight = 0;
};
std::vector<Form> syllable_forms(const Xapian::Database& db, const std::string& word) {
  constexpr std::size_t kMaxForms = 8;
  auto weight = [&](const std::string& t) { return std::log1p(db.get_termfreq(t)); };
  std::vector<Form> out{{word, weight(word)}};
  std::string folded = tokenizer::fold(word);
  if (folded != word) return out;
  for (auto it = db.synonyms_begin(folded); it != db.synonyms_end(folded); ++it)
    if (*it != word) out.push_back({*it, weight(*it)});
  std::stable_sort(out.begin(), out.end(),
                   [](const Form& a, const Form& b) { return a.weight > b.weight; });
  if (out.size() > kMaxForms) out.resize(kMaxForms);
  return out;
}

// Accents restored over the whole query, not syllable by syllable: "dan van" is "dân vận" (a word
// the segmenter indexed as W term "dân_vận") although "vẫn" alone is more frequent. A dynamic
// program over the syllables picks the best path of single syllables (scored by the log of
// their frequency) and indexed words (their syllables' scores, plus kCover per syllable, plus
// the log of the word's frequency): covering more syllables with words wins, so "ban chap hanh"
// is "ban_chấp_hành" rather than "bản" + the more frequent "chấp_hành".
// `alternatives[i]`: further syllables query word i may stand for (a misspelled word's
// neighbours in indexed words, see best_reading); may be empty.
std::vector<std::string> restore_accents(
    const Xapian::Database& db, const std::vector<std::string>& words,
    const std::vector<std::vector<std::string>>& alternatives = {}) {
  constexpr double kCover = 5.0;
  constexpr Xapian::doccount kMinWordFreq = 2;  // a word seen once may be a segmentation slip
  constexpr std::size_t kMaxLongerWords = 64;   // W terms looked at per two-syllable prefix
  const std::size_t n = words.size();
  std::vector<std::vector<Form>> forms;
  std::vector<std::string> folded;
  for (std::size_t i = 0; i < n; ++i) {
    forms.push_back(syllable_forms(db, words[i]));
    folded.push_back(tokenizer::fold(words[i]));
    if (i < alternatives.size())
      for (const auto& a : alternatives[i])
        if (std::none_of(forms.back().begin(), forms.back().end(),
                         [&](const Form& f) { return f.text == a; }))
          forms.back().push_back({a, std::log1p(db.get_termfreq(a))});
  }
  // Does syllable `s` fit query word i (same folded form, or the very word when accented, or
  // one of its alternatives)?
  auto fits = [&](std::string_view s, std::size_t i) {
    std::string str(s);
    if (i < alternatives.size() &&
        std::find(alternatives[i].begin(), alternatives[i].end(), str) != alternatives[i].end())
      return true;
    return folded[i] == words[i] ? tokenizer::fold(str) == folded[i] : str == words[i];
  };
  struct Best {
    double score = -1;
    std::size_t from = 0;
    std::vector<std::string> syllables;  // of the step that reached this position
  };
  std::vector<Best> best(n + 1);
  best[0].score = 0;
  auto offer = [&](std::size_t i, std::size_t to, double score, std::vector<std::string> sy) {
    if (score > best[to].score) best[to] = {score, i, std::move(sy)};
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (best[i].score < 0) continue;
    for (const auto& f : forms[i]) offer(i, i + 1, best[i].score + f.weight, {f.text});
    if (i + 1 >= n) continue;
    for (const auto& a : forms[i]) {
      for (const auto& b : forms[i + 1]) {
        std::string pair = std::string(schema::kWord) + a.text + "_" + b.text;
        double base = best[i].score + a.weight + b.weight;
        if (auto wf = db.get_termfreq(pair); wf >= kMinWordFreq)
          offer(i, i + 2, base + 2 * kCover + std::log1p(wf), {a.text, b.text});
        if (i + 2 >= n) continue;
        // Longer words starting with these two syllables: "ban_chấp_hành".
        std::string prefix = pair + "_";
        std::size_t seen = 0;
        for (auto t = db.allterms_begin(prefix);
             t != db.allterms_end(prefix) && seen < kMaxLongerWords; ++t, ++seen) {
          const std::string term = *t;  // TermIterator hands out a temporary
          std::string_view rest = std::string_view(term).substr(prefix.size());
          std::vector<std::string> sy{a.text, b.text};
          double score = base;
          bool ok = true;
          while (ok && !rest.empty()) {
            std::size_t cut = std::min(rest.find('_'), rest.size());
            std::size_t at = i + sy.size();
            ok = at < n && fits(rest.substr(0, cut), at);
            if (ok) {
              sy.emplace_back(rest.substr(0, cut));
              score += std::log1p(db.get_termfreq(sy.back()));
            }
            rest.remove_prefix(std::min(cut + 1, rest.size()));
          }
          if (ok && t.get_termfreq() >= kMinWordFreq)
            offer(i, i + sy.size(),
                  score + kCover * static_cast<double>(sy.size()) + std::log1p(t.get_termfreq()),
                  sy);
        }
      }
    }
  }
  std::vector<std::string> out;
  for (std::size_t at = n; at > 0; at = best[at].from)
    out.insert(out.begin(), best[at].syllables.begin(), best[at].syllables.end());
  return out;
}

// Edit distance of two short words, by UTF-16 unit (Vietnamese letters are one unit each).
std::size_t edit_distance(const std::string& a_utf8, const std::string& b_utf8) {
  icu::UnicodeString a = icu::UnicodeString::fromUTF8(a_utf8);
  icu::UnicodeString b = icu::UnicodeString::fromUTF8(b_utf8);
  std::vector<std::size_t> row(static_cast<std::size_t>(b.length()) + 1);
  for (std::size_t j = 0; j < row.size(); ++j) row[j] = j;
  for (int i = 1; i <= a.length(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = static_cast<std::size_t>(i);
    for (int j = 1; j <= b.length(); ++j) {
      std::size_t up = row[static_cast<std::size_t>(j)];
      row[static_cast<std::size_t>(j)] = std::min({up + 1, row[static_cast<std::size_t>(j) - 1] + 1,
                                                   diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = up;
    }
  }
  return row.back();
}

// Syllables one edit away from a misspelled `word` that follow `before` in indexed words:
// "dân vậm" -> "vận" (of "dân_vận"), where spelling alone would say the commoner "vậy".
std::vector<std::string> context_alternatives(const Xapian::Database& db, const std::string& before,
                                              const std::string& word) {
  constexpr std::size_t kMaxBefore = 3, kMaxTerms = 400;
  std::vector<std::string> out;
  auto before_forms = syllable_forms(db, before);
  for (std::size_t k = 0; k < before_forms.size() && k < kMaxBefore; ++k) {
    std::string prefix = std::string(schema::kWord) + before_forms[k].text + "_";
    std::size_t seen = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix) && seen < kMaxTerms;
         ++t, ++seen) {
      const std::string term = *t;
      std::string next = term.substr(prefix.size(), term.find('_', prefix.size()) - prefix.size());
      if (t.get_termfreq() >= 2 && edit_distance(next, word) <= 1 &&
          std::find(out.begin(), out.end(), next) == out.end())
        out.push_back(next);
    }
  }
  return out;
}

// The query words as the user most likely meant them: spelling corrected for words the index
// does not know (with their neighbours in indexed words as further candidates), then accents
// restored (restore_accents).
std::vector<std::string> best_reading(const Xapian::Database& db,
                                      const std::vector<std::string>& words) {
  if (words.empty()) return {};
  std::vector<std::string> corrected;
  std::vector<std::vector<std::string>> alternatives(words.size());
  for (const auto& w : words) {
    // An accented word is known as it is typed; an accentless one also through its forms.
    std::string folded = tokenizer::fold(w);
    bool known = db.get_termfreq(w) > 0 ||
                 (folded == w && (db.get_termfreq(folded) > 0 ||
                                  db.synonyms_begin(folded) != db.synonyms_end(folded)));
    std::string s = known ? "" : db.get_spelling_suggestion(w, 2);
    if (!known && !corrected.empty())
      alternatives[corrected.size()] = context_alternatives(db, corrected.back(), w);
    corrected.push_back(s.empty() ? w : s);
  }
  return restore_accents(db, corrected, alternatives);
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Ranking only (OP_AND_MAYBE: the matches stay those of the query): documents holding the best
// reading's words as indexed words (W terms: "thanh_hóa", "sơn_la") rank first, so "tinh uy son
// la" puts Sơn La above Lạng Sơn and "Thanh Hóa" above "thành ... hóa". (A phrase of the whole
// reading ranked a little better but tripled p99 latency: positions of common syllables.)
std::optional<Xapian::Query> reading_boost(const std::vector<std::string>& reading) {
  if (reading.size() < 2) return std::nullopt;
  const auto& tok = tokenizer::Tokenizer::shared();
  std::string text = join_words(reading);
  auto tokens = tok.tokenize(text);
  std::vector<Xapian::Query> boosts;
  for (const auto& w : tok.segment(text, tokens))
    if (w.last_token - w.first_token >= 2) boosts.emplace_back(schema::kWord + w.norm);
  if (boosts.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()), 2.0);
}

}  // namespace

struct Searcher::Impl {
  std::string path;
  std::vector<std::string> layout;      // the shard directories opened
  Xapian::Database db;                  // every shard, searched as one
  std::vector<Xapian::Database> parts;  // the same shards one by one, for their revisions
  std::uint64_t base = 0;               // added to revisions after a layout change
  std::uint64_t reopens = 0;
  // all_facets() of one revision.
  std::optional<std::pair<std::uint64_t, std::map<std::string, FacetCounts>>> archive_facets;

  void open() {
    layout = shards::list(path);
    db = Xapian::Database();
    parts.clear();
    if (layout.empty()) {  // a stub naming remote shards, or not an index: Xapian decides
      db = Xapian::Database(path);
      return;
    }
    for (const auto& p : layout) {
      parts.emplace_back(p);
      db.add_database(parts.back());
    }
  }
};

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>()) {
  impl_->path = db_path;
  if (!std::filesystem::exists(db_path))
    throw std::runtime_error("no index at " + db_path + " (build one with `tracuu index --db " +
                             db_path + " PATH...`)");
  try {
    impl_->open();
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("cannot open index " + db_path + ": " + e.get_description());
  }
}

Searcher::~Searcher() = default;

bool Searcher::reopen() {
  return translating("reopening index " + impl_->path, [&] { return reopen_now(); });
}

bool Searcher::reopen_now() {
  auto before = revision();
  // `tracuu index --compact` replaces the shards with one database: open the new layout, and
  // keep the revision growing (the new database counts its own from 1).
  if (shards::list(impl_->path) != impl_->layout) {
    impl_->open();
    impl_->base = before + 1;
    return true;
  }
  impl_->db.reopen();  // the combined handle shares each shard's handle: both see the new revision
  ++impl_->reopens;
  return revision() != before;
}

// Grows with every commit to any shard: the sum of the shards' revisions. Remote shards have no
// readable revision, so there every reopen counts as a new one (caches keyed by it stay correct,
// only colder).
std::uint64_t Searcher::revision() const {
  std::uint64_t sum = 0;
  for (const auto& p : impl_->parts) sum += p.get_revision();
  if (impl_->parts.empty()) sum = impl_->reopens;
  return impl_->base + sum;
}
std::size_t Searcher::document_count() const { return impl_->db.get_doccount(); }
std::string Searcher::uuid() const {
  return translating("reading index " + impl_->path, [&] { return impl_->db.get_uuid(); });
}

SearchResult Searcher::search(const SearchRequest& req) {
  if (req.limit > 1000) throw QueryError("bad_limit", "limit must be at most 1000", "limit");
  for (int attempt = 0;; ++attempt) {
    try {
      ParsedQuery parsed = parse_query(req.query, impl_->db);
      Xapian::Query query = parsed.query;
      const std::vector<std::string> reading = best_reading(impl_->db, parsed.words);
      if (auto boost = reading_boost(reading))
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, *boost);
      if (auto filters = filter_query(req, impl_->db))
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, *filters);
      if (std::getenv("TRACUU_EXPLAIN"))
        std::fprintf(stderr, "%s\n", query.get_description().c_str());
      Xapian::Enquire enquire(impl_->db);
      enquire.set_query(query);
      if (req.sort == SortOrder::kDate || parsed.empty)
        enquire.set_sort_by_value_then_relevance(schema::kDate, true);
      FacetSpy spy(impl_->db, impl_->parts.size() <= 1);
      if (req.facets) enquire.add_matchspy(&spy);
      // Facets look at up to kFacetSample candidates: exact below that, scaled estimates above.
      Xapian::doccount check =
          req.facets ? std::min<Xapian::doccount>(impl_->db.get_doccount(), kFacetSample) : 0;
      Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(req.offset),
                                           static_cast<Xapian::doccount>(req.limit), check);
      SearchResult result;
      result.total = mset.get_matches_estimated();
      result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
      for (auto it = mset.begin(); it != mset.end(); ++it)
        result.hits.push_back(make_hit(it.get_document(), it.get_weight(), parsed.words));
      if (req.facets) {
        result.facets_exact = result.total_exact && spy.seen() >= result.total;
        double scale = result.facets_exact || spy.seen() == 0
                           ? 1.0
                           : static_cast<double>(result.total) / static_cast<double>(spy.seen());
        result.facets["province"] = spy.top(0, 50, scale);
        result.facets["directive"] = spy.top(1, 30, scale);
        result.facets["type"] = spy.top(2, 20, scale);
        auto y = spy.top(3, 100, scale);
        std::sort(y.begin(), y.end(),
                  [](const auto& a, const auto& b) { return a.first > b.first; });
        result.facets["year"] = y;
      }
      // "Did you mean": the best reading when it differs from what was typed.
      if (!reading.empty() && join_words(reading) != join_words(parsed.words))
        result.suggestion = join_words(reading);
      return result;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt > 2) throw;
      impl_->db.reopen();
    } catch (const Xapian::QueryParserError& e) {
      throw QueryError("bad_query", e.get_msg(), "query");
    } catch (const Xapian::Error& e) {
      throw translate(e, "searching index " + impl_->path);
    }
  }
}

std::optional<corpus::Document> Searcher::document(const std::string& id) {
  Xapian::PostingIterator it = impl_->db.postlist_begin(schema::kId + id);
  if (id.empty() || it == impl_->db.postlist_end(schema::kId + id)) return std::nullopt;
  auto j = nlohmann::json::parse(impl_->db.get_document(*it).get_data(), nullptr, false);
  // The record exists but is not what this program stores: damage, not an unknown document.
  if (j.is_discarded() || !j.is_object())
    throw IndexError(IndexErrorKind::kCorrupt, "document " + id + " in index " + impl_->path +
                                                   ": stored data does not parse");
  return corpus::document_from_json(j);
}

std::vector<Hit> Searcher::related(const std::string& id, std::size_t limit) {
  auto doc = document(id);
  if (!doc) return {};
  return related(*doc, limit);
}

std::vector<Hit> Searcher::related(const corpus::Document& doc, std::size_t limit) {
  const std::string& id = doc.id;
  std::vector<Xapian::Query> qs;
  for (const auto& c : doc.citations) qs.emplace_back(schema::kCited + c.number);
  if (doc.primary_province) qs.emplace_back(schema::kPrimaryProvince + *doc.primary_province);
  // More like this: the title's most distinctive words and syllables. Common ones ("của",
  // "tỉnh") match much of the archive and made this query the cost of a document page.
  const auto& tok = tokenizer::Tokenizer::shared();
  auto tokens = tok.tokenize(doc.title);
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  const Xapian::doccount common = std::max<Xapian::doccount>(2, impl_->db.get_doccount() / 20);
  for (const auto& t : tokens)
    if (t.type == tokenizer::TokenType::kWord) terms.emplace_back(0, t.norm);
  for (const auto& w : tok.segment(doc.title, tokens))
    if (w.last_token - w.first_token >= 2) terms.emplace_back(0, schema::kWord + w.norm);
  for (auto& [tf, term] : terms) tf = impl_->db.get_termfreq(term);
  std::erase_if(terms, [](const auto& t) { return t.first < 2; });  // only this document
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  // A title of common words only still gets its three rarest.
  std::size_t kMaxTerms = 8;
  if (!terms.empty() && terms.front().first > common)
    kMaxTerms = 3;
  else
    std::erase_if(terms, [&](const auto& t) { return t.first > common; });
  for (std::size_t i = 0; i < terms.size() && i < kMaxTerms; ++i) qs.emplace_back(terms[i].second);
  if (qs.empty()) return {};
  Xapian::Query q(Xapian::Query::OP_AND_NOT,
                  Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()),
                  Xapian::Query(schema::kId + id));
  Xapian::Enquire enquire(impl_->db);
  enquire.set_query(q);
  std::vector<Hit> out;
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  for (auto it = mset.begin(); it != mset.end(); ++it)
    out.push_back(make_hit(it.get_document(), it.get_weight(), {}));
  return out;
}

std::optional<DirectiveRecord> Searcher::directive(const std::string& number_any_variant) {
  DirectiveRecord rec;
  rec.number = canonical_number(number_any_variant);
  // The archived text itself, if any.
  Xapian::Enquire own(impl_->db);
  own.set_query(Xapian::Query(schema::kHeaderNumber + rec.number));
  Xapian::MSet own_set = own.get_mset(0, 1);
  if (!own_set.empty()) {
    auto doc = corpus::document_from_json(
        nlohmann::json::parse(own_set.begin().get_document().get_data()));
    rec.document_id = doc.id;
    if (doc.header) {
      rec.type = doc.header->doc_type;
      rec.issuer = doc.header->issuer;
      rec.date = doc.header->date;
      rec.subject = doc.header->subject;
    }
  }
  Xapian::Enquire enquire(impl_->db);
  enquire.set_query(Xapian::Query(schema::kCited + rec.number));
  enquire.set_sort_by_value_then_relevance(schema::kDate, true);
  Xapian::MSet mset = enquire.get_mset(0, impl_->db.get_doccount());
  if (mset.empty() && !rec.document_id) return std::nullopt;
  rec.citing_count = mset.size();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document xdoc = it.get_document();
    auto doc = corpus::document_from_json(nlohmann::json::parse(xdoc.get_data()));
    for (const auto& c : doc.citations) {
      if (c.number != rec.number) continue;
      if (!rec.type) rec.type = c.type;
      if (!rec.issuer) rec.issuer = c.issuer;
      if (!rec.date) rec.date = c.date;
      if (!rec.subject) rec.subject = c.subject;
    }
    auto date = doc.date ? doc.date : doc.date_estimated;
    if (date) {
      if (!rec.first_cited || *date < *rec.first_cited) rec.first_cited = date;
      if (!rec.last_cited || *date > *rec.last_cited) rec.last_cited = date;
      ++rec.per_year[date->substr(0, 4)];
    } else {
      ++rec.undated;
    }
    if (doc.primary_province) {
      ++rec.per_province[*doc.primary_province];
      if (date) ++rec.per_province_year[*doc.primary_province][date->substr(0, 4)];
    }
    if (rec.citing.size() < 200) rec.citing.push_back(make_hit(xdoc, 0, {}));
  }
  return rec;
}

std::vector<std::string> Searcher::suggest(const std::string& prefix, std::size_t limit) {
  std::vector<std::string> out;
  std::string p = tokenizer::normalize_keep_case(prefix);
  if (p.empty()) return out;
  if (auto d = tokenizer::parse_docnum(p)) p = d->canonical;
  // Document numbers first (they are what people paste), then titles.
  std::string cited = std::string(schema::kCited) + p;
  for (auto it = impl_->db.allterms_begin(cited);
       it != impl_->db.allterms_end(cited) && out.size() < limit; ++it)
    out.push_back((*it).substr(2));
  if (out.size() < limit) {
    ParsedQuery parsed = parse_query(prefix, impl_->db);
    Xapian::Query query = parsed.query;
    if (auto boost = reading_boost(best_reading(impl_->db, parsed.words)))
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, *boost);
    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit - out.size()));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      auto j = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
      if (!j.is_discarded()) out.push_back(j.value("title", ""));
    }
  }
  return out;
}

std::map<std::string, FacetCounts> Searcher::all_facets(std::size_t limit_per_facet) {
  // The whole archive's counts only change with the index: counted once per revision (the
  // match shows the counter every document, the dearest request of the API).
  const std::uint64_t rev = revision();
  if (!impl_->archive_facets || impl_->archive_facets->first != rev) {
    SearchRequest req;
    req.limit = 0;
    impl_->archive_facets.emplace(rev, search(req).facets);
  }
  auto facets = impl_->archive_facets->second;
  for (auto& [name, counts] : facets)
    if (counts.size() > limit_per_facet) counts.resize(limit_per_facet);
  return facets;
}

nlohmann::json to_json(const Hit& h) {
  return {{"id", h.id},
          {"title", h.title},
          {"date", h.date ? nlohmann::json(*h.date) : nlohmann::json(nullptr)},
          {"date_estimated", h.date_estimated},
          {"type", h.type},
          {"primary_province",
           h.primary_province ? nlohmann::json(*h.primary_province) : nlohmann::json(nullptr)},
          {"provinces", h.provinces},
          {"citations", h.citations},
          {"score", h.score},
          {"snippet", h.snippet}};
}

nlohmann::json to_json(const SearchResult& r) {
  nlohmann::json hits = nlohmann::json::array();
  for (const auto& h : r.hits) hits.push_back(to_json(h));
  nlohmann::json facets = nlohmann::json::object();
  for (const char* name : {"province", "directive", "type", "year"}) {
    // An array of [name, count] keeps the order (most frequent first; years newest first).
    nlohmann::json f = nlohmann::json::array();
    auto it = r.facets.find(name);
    if (it != r.facets.end())
      for (const auto& [k, v] : it->second) f.push_back(nlohmann::json::array({k, v}));
    facets[name] = f;
  }
  return {{"total", r.total},
          {"total_exact", r.total_exact},
          {"hits", hits},
          {"facets", facets},
          {"facets_exact", r.facets_exact},
          {"suggestion", r.suggestion ? nlohmann::json(*r.suggestion) : nlohmann::json(nullptr)}};
}

nlohmann::json to_json(const DirectiveRecord& d) {
  auto opt = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  nlohmann::json citing = nlohmann::json::array();
  for (const auto& h : d.citing) citing.push_back(to_json(h));
  return {{"number", d.number},
          {"type", opt(d.type)},
          {"issuer", opt(d.issuer)},
          {"date", opt(d.date)},
          {"subject", opt(d.subject)},
          {"document_id", opt(d.document_id)},
          {"citing_count", d.citing_count},
          {"undated", d.undated},
          {"first_cited", opt(d.first_cited)},
          {"last_cited", opt(d.last_cited)},
          {"per_year", d.per_year},
          {"per_province", d.per_province},
          {"per_province_year", d.per_province_year},
          {"citing", citing}};
}

}  // namespace tracuu::indexer
