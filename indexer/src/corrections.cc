// Keyboard slips and spelling corrections of an unknown query word, checked against the index.
#include "corrections.h"

#include <algorithm>

#include "edit_distance.h"
#include "keyboard.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {
namespace {

struct Candidate {
  std::string text;
  int cost = 0;  // 0: the keys typed decode to it; 1: one slip away; 2: the spelling table
  Xapian::doccount freq = 0;
};

// How many documents hold the syllable in any of its accented forms (0: not indexed).
Xapian::doccount frequency(const IndexView& db, const std::string& s) {
  Xapian::doccount best = db.get_termfreq(s);
  if (tokenizer::fold(s) != s) return best;
  for (auto it = db.synonyms_begin(s); it != db.synonyms_end(s); ++it)
    best = std::max(best, db.get_termfreq(*it));
  return best;
}

class Collector {
 public:
  Collector(const IndexView& db, const std::string& word) : db_(db), word_(word) {}

  void add(const std::string& text, int cost) {
    if (text == word_) return;
    for (const auto& c : found_)
      if (c.text == text) return;
    if (Xapian::doccount f = frequency(db_, text); f > 0) found_.push_back({text, cost, f});
  }

  // The keys typed, read as Telex/VNI: "vieetj" -> "việt"; the word as typed without its tone
  // key also by its letters ("vieet" -> "viet"), a slip of it only as the syllable it types (else
  // "wpfk" -> "wpf" -> "ừp" would be "up").
  void keys(const std::string& typed, int cost) {
    auto decoded = decode_keys(typed);
    if (decoded) {
      add(*decoded, cost);
      if (cost == 0) add(tokenizer::fold(*decoded), cost + 1);
    } else if (syllable_shaped(typed)) {
      add(typed, cost);
    }
  }

  std::vector<std::string> best() {
    std::stable_sort(found_.begin(), found_.end(), [](const Candidate& a, const Candidate& b) {
      return a.cost != b.cost ? a.cost < b.cost : a.freq > b.freq;
    });
    std::vector<std::string> out;
    for (const auto& c : found_)
      if (c.cost == found_.front().cost && out.size() < 3) out.push_back(c.text);
    return out;
  }

  bool empty() const { return found_.empty(); }

 private:
  const IndexView& db_;
  const std::string& word_;
  std::vector<Candidate> found_;
};

bool plain_ascii(const std::string& w) {
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

}  // namespace

bool known(const IndexView& db, const std::string& word) {
  std::string folded = tokenizer::fold(word);
  return db.get_termfreq(word) > 0 ||
         (folded == word &&
          (db.get_termfreq(folded) > 0 || db.synonyms_begin(folded) != db.synonyms_end(folded)));
}

std::vector<std::string> corrections(const IndexView& db, const std::string& word) {
  if (word.empty() || known(db, word)) return {};
  Collector found(db, word);
  if (plain_ascii(word)) {
    found.keys(word, 0);
    if (found.empty())
      for (const auto& slip : one_slip_away(word)) found.keys(slip, 1);
  }
  if (found.empty()) {
    // The spelling table (accented syllables): an edit budget of one for short words, two for
    // longer ones, counted on the letters, so "wpfk" is not "week".
    std::string s = db.get_spelling_suggestion(word, 2);
    std::size_t budget = tokenizer::fold(word).size() <= 4 ? 1 : 2;
    if (!s.empty() && edit_distance(tokenizer::fold(s), tokenizer::fold(word)) <= budget)
      found.add(s, 2);
  }
  return found.best();
}

}  // namespace tracuu::indexer
