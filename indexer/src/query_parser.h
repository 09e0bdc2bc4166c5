// The Vietnamese query language: words, "phrases", AND/OR/NOT, -exclusion, field:value.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "index_view.h"

namespace tracuu::indexer {

// Where a query word was typed, so a suggestion can rewrite it in place (operators, quotes and
// fields kept).
struct QueryWord {
  std::size_t start = 0, end = 0;  // bytes in ParsedQuery::input
  bool optional = false;           // a plain word the relaxed pass may replace or do without
};

struct ParsedQuery {
  Xapian::Query query;               // MatchAll when the text part is empty
  bool empty = true;                 // no text and no field terms
  std::vector<std::string> words;    // normalized words, for snippets and suggestions
  std::vector<std::string> numbers;  // canonical document numbers typed, for snippets
  std::string input;                 // the query normalized, case kept
  std::vector<QueryWord> spans;      // where each of `words` is in `input`
  // The same query taken apart for the relaxed pass (relaxed_query.h): what every match still
  // needs (fields, phrases, document numbers, OR groups), the plain words by their index in
  // `words` with their strict query, and what no match may hold.
  std::vector<Xapian::Query> required;
  std::vector<std::pair<std::size_t, Xapian::Query>> optional_words;
  std::vector<Xapian::Query> excluded;
};

// Never throws on user input: malformed parts fall back to plain words. Throws QueryError
// for input that cannot be searched at all (over the length limit).
ParsedQuery parse_query(const std::string& input, const IndexView& db);

// The query as typed with `words[i]` replaced by `replacement[i]` where they differ, everything
// else (operators, quotes, fields, case of untouched words) kept: "dan van -lao" -> "dân vận -lào".
std::string rewritten(const ParsedQuery& parsed, const std::vector<std::string>& replacement);

// The documents citing a canonical document number, and the archived text of that number.
Xapian::Query docnum_query(const std::string& canonical);

// Every form of a syllable with the same letters (the folded form and the accented forms the
// synonym table lists for it) as one OP_SYNONYM, weighed like a single term.
Xapian::Query forms_query(const std::string& fold, const IndexView& db);

// A document type as the index names it, typed as a slug, label or name, accents optional:
// "ke-hoach", "Kế hoạch", "ke hoach", "Tin tức" (corpus/document_types.h).
std::string type_slug(const std::string& typed);

// A province as the index names it, typed any way: "Hòa Bình", "Hoà Bình", "hoa binh". Unknown
// names come back normalized (they then match nothing).
std::string canonical_province(const std::string& typed, const IndexView& db);

}  // namespace tracuu::indexer
