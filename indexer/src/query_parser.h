// The Vietnamese query language: words, "phrases", AND/OR/NOT, -exclusion, field:value.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace tracuu::indexer {

struct ParsedQuery {
  Xapian::Query query;             // MatchAll when the text part is empty
  bool empty = true;               // no text and no field terms
  std::vector<std::string> words;  // normalized words, for snippets and suggestions
};

// Never throws on user input: malformed parts fall back to plain words. Throws QueryError
// for input that cannot be searched at all (over the length limit).
ParsedQuery parse_query(const std::string& input, const Xapian::Database& db);

// The documents citing a canonical document number, and the archived text of that number.
Xapian::Query docnum_query(const std::string& canonical);

// A document type as the index names it, typed as a slug, label or name, accents optional:
// "ke-hoach", "Kế hoạch", "ke hoach", "Tin tức" (corpus/document_types.h).
std::string type_slug(const std::string& typed);

// A province as the index names it, typed any way: "Hòa Bình", "Hoà Bình", "hoa binh". Unknown
// names come back normalized (they then match nothing).
std::string canonical_province(const std::string& typed, const Xapian::Database& db);

}  // namespace tracuu::indexer
