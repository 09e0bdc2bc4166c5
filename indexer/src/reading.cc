// The query's best reading: spelling candidates from Xapian's spelling table and from indexed
// words, then a dynamic program over the syllables that restores accents word by word.
#include "reading.h"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "corrections.h"
#include "edit_distance.h"
#include "schema.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::indexer {
namespace {

// One syllable a query word may stand for, weighted by the log of its document frequency.
struct Form {
  std::string text;
  double weight = 0;
};

// The syllables an accentless query word may stand for (its accented forms from the synonym
// table, and itself), most frequent first. An accented word stands only for itself.
std::vector<Form> syllable_forms(const IndexView& db, const std::string& word) {
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

// The dynamic program of restore_accents: the best path of single syllables (scored by the log
// of their frequency) and indexed words (their syllables' scores, plus kCover per syllable, plus
// the log of the word's frequency) over the query. Covering more syllables with words wins, so
// "ban chap hanh" is "ban_chấp_hành" rather than "bản" + the more frequent "chấp_hành".
class AccentRestorer {
 public:
  AccentRestorer(const IndexView& db, const std::vector<std::string>& words,
                 const std::vector<std::vector<std::string>>& alternatives)
      : db_(db), words_(words), alternatives_(alternatives), best_(words.size() + 1) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      forms_.push_back(syllable_forms(db, words[i]));
      folded_.push_back(tokenizer::fold(words[i]));
      if (i < alternatives.size())
        for (const auto& a : alternatives[i])
          if (std::none_of(forms_.back().begin(), forms_.back().end(),
                           [&](const Form& f) { return f.text == a; }))
            forms_.back().push_back({a, std::log1p(db.get_termfreq(a))});
    }
    best_[0].score = 0;
  }

  std::vector<std::string> run() {
    const std::size_t n = words_.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (best_[i].score < 0) continue;
      for (const auto& f : forms_[i]) offer(i, i + 1, best_[i].score + f.weight, {f.text});
      if (i + 1 >= n) continue;
      for (const auto& a : forms_[i])
        for (const auto& b : forms_[i + 1]) words_from(i, a, b);
    }
    std::vector<std::string> out;
    for (std::size_t at = n; at > 0; at = best_[at].from)
      out.insert(out.begin(), best_[at].syllables.begin(), best_[at].syllables.end());
    return out;
  }

 private:
  static constexpr double kCover = 5.0;
  static constexpr Xapian::doccount kMinWordFreq =
      2;                                              // a word seen once may be a segmentation slip
  static constexpr std::size_t kMaxLongerWords = 64;  // W terms looked at per two-syllable prefix

  struct Best {
    double score = -1;
    std::size_t from = 0;
    std::vector<std::string> syllables;  // of the step that reached this position
  };

  void offer(std::size_t i, std::size_t to, double score, std::vector<std::string> syllables) {
    if (score > best_[to].score) best_[to] = {score, i, std::move(syllables)};
  }

  // Does syllable `s` fit query word i (same folded form, or the very word when accented, or
  // one of its alternatives)?
  bool fits(std::string_view s, std::size_t i) const {
    std::string str(s);
    if (i < alternatives_.size() &&
        std::find(alternatives_[i].begin(), alternatives_[i].end(), str) != alternatives_[i].end())
      return true;
    return folded_[i] == words_[i] ? tokenizer::fold(str) == folded_[i] : str == words_[i];
  }

  // Indexed words starting at query word i with the forms a, b: "dân_vận", "ban_chấp_hành".
  void words_from(std::size_t i, const Form& a, const Form& b) {
    std::string pair = schema::term(schema::kWord, a.text + "_" + b.text);
    double base = best_[i].score + a.weight + b.weight;
    if (auto wf = db_.get_termfreq(pair); wf >= kMinWordFreq)
      offer(i, i + 2, base + 2 * kCover + std::log1p(wf), {a.text, b.text});
    if (i + 2 >= words_.size()) return;
    std::string prefix = pair + "_";
    std::size_t seen = 0;
    for (auto t = db_.allterms_begin(prefix);
         t != db_.allterms_end(prefix) && seen < kMaxLongerWords; ++t, ++seen)
      if (t.get_termfreq() >= kMinWordFreq)
        longer_word(i, *t, prefix.size(), {a.text, b.text}, base, t.get_termfreq());
  }

  // An XW term of three or more syllables (its first two are `syllables`), offered when the rest
  // of its syllables fit the query words that follow.
  void longer_word(std::size_t i, const std::string& term, std::size_t rest_at,
                   std::vector<std::string> syllables, double score, Xapian::doccount freq) {
    std::string_view rest = std::string_view(term).substr(rest_at);
    while (!rest.empty()) {
      std::size_t cut = std::min(rest.find('_'), rest.size());
      std::size_t at = i + syllables.size();
      if (at >= words_.size() || !fits(rest.substr(0, cut), at)) return;
      syllables.emplace_back(rest.substr(0, cut));
      score += std::log1p(db_.get_termfreq(syllables.back()));
      rest.remove_prefix(std::min(cut + 1, rest.size()));
    }
    double cover = kCover * static_cast<double>(syllables.size());
    std::size_t to = i + syllables.size();
    offer(i, to, score + cover + std::log1p(freq), std::move(syllables));
  }

  const IndexView& db_;
  const std::vector<std::string>& words_;
  const std::vector<std::vector<std::string>>& alternatives_;
  std::vector<std::vector<Form>> forms_;
  std::vector<std::string> folded_;
  std::vector<Best> best_;
};

// Syllables one edit away from a misspelled `word` that follow `before` in indexed words:
// "dân vậm" -> "vận" (of "dân_vận"), where spelling alone would say the commoner "vậy".
std::vector<std::string> context_alternatives(const IndexView& db, const std::string& before,
                                              const std::string& word) {
  constexpr std::size_t kMaxBefore = 3, kMaxTerms = 400;
  std::vector<std::string> out;
  auto before_forms = syllable_forms(db, before);
  for (std::size_t k = 0; k < before_forms.size() && k < kMaxBefore; ++k) {
    std::string prefix = schema::term(schema::kWord, before_forms[k].text + "_");
    std::size_t seen = 0;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix) && seen < kMaxTerms;
         ++t, ++seen) {
      const std::string term = *t;  // TermIterator hands out a temporary
      std::string next = term.substr(prefix.size(), term.find('_', prefix.size()) - prefix.size());
      if (t.get_termfreq() >= 2 && edit_distance(next, word) <= 1 &&
          std::find(out.begin(), out.end(), next) == out.end())
        out.push_back(next);
    }
  }
  return out;
}

}  // namespace

std::vector<std::string> restore_accents(
    const IndexView& db, const std::vector<std::string>& words,
    const std::vector<std::vector<std::string>>& alternatives) {
  return AccentRestorer(db, words, alternatives).run();
}

std::vector<std::string> best_reading(const IndexView& db, const std::vector<std::string>& words) {
  if (words.empty()) return {};
  std::vector<std::string> corrected;
  std::vector<std::vector<std::string>> alternatives(words.size());
  for (const auto& w : words) {
    auto& alts = alternatives[corrected.size()];
    if (known(db, w)) {
      corrected.push_back(w);
      continue;
    }
    // Keyboard slips and spelling first, then syllables that follow the previous word in
    // indexed words; a word nothing indexed is near stays as typed.
    auto fixes = corrections(db, w);
    if (!corrected.empty()) alts = context_alternatives(db, corrected.back(), w);
    corrected.push_back(fixes.empty() ? w : fixes.front());
    for (std::size_t k = 1; k < fixes.size(); ++k) alts.push_back(fixes[k]);
  }
  return restore_accents(db, corrected, alternatives);
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// (A phrase of the whole reading ranked a little better but tripled p99 latency: positions of
// common syllables.)
std::optional<Xapian::Query> reading_boost(const std::vector<std::string>& reading) {
  if (reading.size() < 2) return std::nullopt;
  const auto& tok = tokenizer::Tokenizer::shared();
  std::string text = join_words(reading);
  auto tokens = tok.tokenize(text);
  std::vector<Xapian::Query> boosts;
  for (const auto& w : tok.segment(text, tokens))
    if (w.last_token - w.first_token >= 2) boosts.emplace_back(schema::term(schema::kWord, w.norm));
  if (boosts.empty()) return std::nullopt;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()), 2.0);
}

}  // namespace tracuu::indexer
