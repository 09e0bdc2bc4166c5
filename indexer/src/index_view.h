// What the query side reads of an index: the documents' terms from the shards (searched as one,
// local or remote), and the lexical tables (accented forms of a folded syllable, spelling) from
// the lexicon, a local database beside the stub, because Xapian 1.4's remote backend serves no
// synonym or spelling table (docs/schema.md, "Lexicon").
#pragma once

#include <xapian.h>

#include <string>

namespace tracuu::indexer {

class IndexView {
 public:
  // One database for both: an index without a lexicon (older ones, the tests' small indexes).
  IndexView(const Xapian::Database& db) : terms_(db), lexicon_(db) {}  // NOLINT: implicit
  IndexView(const Xapian::Database& terms, const Xapian::Database& lexicon)
      : terms_(terms), lexicon_(lexicon) {}

  // From the shards: exact over the whole archive wherever the shards are.
  Xapian::doccount get_doccount() const { return terms_.get_doccount(); }
  Xapian::doccount get_termfreq(const std::string& term) const { return terms_.get_termfreq(term); }
  bool term_exists(const std::string& term) const { return terms_.term_exists(term); }
  Xapian::TermIterator allterms_begin(const std::string& prefix) const {
    return terms_.allterms_begin(prefix);
  }
  Xapian::TermIterator allterms_end(const std::string& prefix) const {
    return terms_.allterms_end(prefix);
  }

  // From the lexicon.
  Xapian::TermIterator synonyms_begin(const std::string& term) const {
    return lexicon_.synonyms_begin(term);
  }
  Xapian::TermIterator synonyms_end(const std::string& term) const {
    return lexicon_.synonyms_end(term);
  }
  std::string get_spelling_suggestion(const std::string& word, unsigned max_edit_distance) const {
    return lexicon_.get_spelling_suggestion(word, max_edit_distance);
  }

 private:
  Xapian::Database terms_;
  Xapian::Database lexicon_;
};

}  // namespace tracuu::indexer
