// The index schema shared by writer and searcher (documented in docs/schema.md).
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "tracuu/corpus/document.h"
#include "tracuu/tokenizer/pieces.h"

namespace tracuu::indexer::schema {

// Boolean term prefixes (Xapian conventions: Q = unique id, X... = custom).
inline constexpr const char* kId = "Q";
inline constexpr const char* kType = "XT";
inline constexpr const char* kProvince = "XP";
inline constexpr const char* kPrimaryProvince = "XPP";
inline constexpr const char* kProvince2025 = "XPN";
inline constexpr const char* kDistrict = "XD";
inline constexpr const char* kCited = "XC";
inline constexpr const char* kHeaderNumber = "XH";  // the document IS this number's text
inline constexpr const char* kShortCited = "XR";    // "CT 49": cited by short name only
inline constexpr const char* kIssuer = "XI";
inline constexpr const char* kSource = "XS";
inline constexpr const char* kYear = "Y";
inline constexpr const char* kYearMonth = "YM";
// Free-text prefixes: none = normalized syllables (positional); W = segmented multi-syllable
// words ("công_tác"). Folded forms are not terms: the synonym table maps each folded syllable
// to the accented forms the index holds ("tinh" -> "tỉnh", "tình", ...).
inline constexpr const char* kWord = "W";

// Value slots.
inline constexpr Xapian::valueno kDate = 0;           // "yyyymmdd" (publication, else estimate)
inline constexpr Xapian::valueno kDateEstimated = 1;  // "1" when slot 0 is an estimate
inline constexpr Xapian::valueno kCitationCount = 2;  // sortable_serialise
inline constexpr Xapian::valueno kFacetProvince = 3;  // values joined by '\n'
inline constexpr Xapian::valueno kFacetDirective = 4;
inline constexpr Xapian::valueno kFacetType = 5;
inline constexpr Xapian::valueno kFacetYear = 6;

// The text is analyzed `piece_bytes` at a time (see tokenizer/pieces.h): the terms and
// positions are those of the whole text, and memory follows the piece, not the document.
Xapian::Document build_document(const corpus::Document& doc,
                                std::size_t piece_bytes = tokenizer::kPieceBytes);
// The same, taking the document apart to save copies of a long text.
Xapian::Document build_document(corpus::Document&& doc,
                                std::size_t piece_bytes = tokenizer::kPieceBytes);

// The XR term value of a short citation: "CT 49".
std::string short_key(const corpus::ShortCitation& c);

std::string join_values(const std::vector<std::string>& values);
std::vector<std::string> split_values(const std::string& joined);

}  // namespace tracuu::indexer::schema
