// The relaxed pass: an OR of one group per word (the word or its corrections), each group worth a
// fixed weight far above any BM25 sum, so the count of words held orders the results first.
#include "relaxed_query.h"

#include "corrections.h"
#include "keyboard.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {
namespace {

// Above any BM25 weight a query of up to 1,000 bytes can sum to (a term weighs at most a few
// times the log of the document count), so one more word held always ranks first.
constexpr double kPerWord = 10000.0;

// A syllable the word may stand for: that very form when accented, any form when not.
Xapian::Query syllable_query(const std::string& s, const IndexView& db) {
  return tokenizer::fold(s) == s ? forms_query(s, db) : Xapian::Query(s);
}

// The word, or what it was most likely typed for when the index does not know it.
Xapian::Query word_group(const Xapian::Query& strict, const std::string& word,
                         const std::string& read_as, const IndexView& db, bool& corrected) {
  if (known(db, word)) return strict;
  std::vector<Xapian::Query> any{strict};
  if (read_as != word) any.push_back(syllable_query(read_as, db));
  if (auto keys = decode_keys(word); keys && *keys != read_as && known(db, *keys))
    any.push_back(Xapian::Query(*keys));
  corrected = corrected || any.size() > 1;
  return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

}  // namespace

std::optional<RelaxedQuery> relaxed_query(const ParsedQuery& parsed,
                                          const std::vector<std::string>& reading,
                                          const IndexView& db) {
  if (parsed.optional_words.empty()) return std::nullopt;
  RelaxedQuery out;
  out.searched = parsed.words;
  std::vector<Xapian::Query> groups;
  for (const auto& [i, strict] : parsed.optional_words) {
    const std::string& read_as = i < reading.size() ? reading[i] : parsed.words[i];
    bool corrected = false;
    Xapian::Query group = word_group(strict, parsed.words[i], read_as, db, corrected);
    out.corrected = out.corrected || corrected;
    // The fixed weight of holding the word: an AND with a source every document matches, handed
    // to the query by Xapian's own ownership idiom (release()).
    auto* coord = new Xapian::FixedWeightPostingSource(kPerWord);
    groups.push_back(Xapian::Query(Xapian::Query::OP_AND, group, Xapian::Query(coord->release())));
  }
  // Said as the reading (accents restored too) once a word was corrected: "dân vận khéo" for
  // "dan vaanj kheo", not a mix of both.
  if (out.corrected && reading.size() == parsed.words.size()) out.searched = reading;
  std::size_t need = (groups.size() + 1) / 2;
  out.min_weight = (static_cast<double>(need) - 0.5) * kPerWord;
  Xapian::Query q(Xapian::Query::OP_OR, groups.begin(), groups.end());
  if (!parsed.required.empty()) {
    std::vector<Xapian::Query> all = parsed.required;
    all.push_back(q);
    q = Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
  }
  for (const auto& n : parsed.excluded) q = Xapian::Query(Xapian::Query::OP_AND_NOT, q, n);
  out.query = q;
  return out;
}

}  // namespace tracuu::indexer
