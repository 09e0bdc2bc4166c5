// The index schema shared by writer and searcher (documented in docs/schema.md).
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tracuu/corpus/document.h"
#include "tracuu/tokenizer/pieces.h"

namespace tracuu::indexer::schema {

// The schema this program writes and reads, kept in every shard's metadata under kVersionKey.
// Version 1 (no key) had `W` word terms and `YM` year-month terms and no ':' after prefixes: its
// terms mean other things, so an index of another version must be rebuilt.
inline constexpr const char* kVersionKey = "tracuu.schema";
inline constexpr const char* kVersion = "2";

// Term prefixes, in Xapian's conventions (omega's docs/termprefixes.rst): single capitals have
// standard meanings (Q unique id, Y year, M month; W and C reserved), X starts a prefix of our
// own, and term() puts ':' between a multi-letter prefix and a value that opens with a capital.
// Boolean filter terms:
inline constexpr const char* kId = "Q";
inline constexpr const char* kType = "XT";
inline constexpr const char* kProvince = "XP";
inline constexpr const char* kPrimaryProvince = "XPP";
inline constexpr const char* kProvince2025 = "XPN";
inline constexpr const char* kDistrict = "XD";
inline constexpr const char* kCited = "XC";         // a cited document's canonical number
inline constexpr const char* kHeaderNumber = "XH";  // the document IS this number's text
inline constexpr const char* kShortCited = "XR";    // "CT 49": cited by short name only
inline constexpr const char* kIssuer = "XI";
inline constexpr const char* kSource = "XS";
inline constexpr const char* kOriginal = "XO";  // + the SHA-256 of the stored original's bytes
inline constexpr const char* kYear = "Y";       // "2019"
inline constexpr const char* kMonth = "M";      // "201905"
// Free-text prefixes: none = normalized syllables (positional); XW = segmented multi-syllable
// words ("XWcông_tác"). Folded forms are not terms: the synonym table maps each folded syllable
// to the accented forms the index holds ("tinh" -> "tỉnh", "tình", ...).
inline constexpr const char* kWord = "XW";

// prefix + value, with ':' between them when the prefix has more than one letter and the value
// opens with an ASCII capital or ':' ("XP:Lào Cai", "XR:CT 49", but "XPĐắk Lắk", "XC114-KL/TW"),
// as Xapian's QueryParser and omega's scriptindex write them. Also for the start of a value, to
// list the terms that begin so.
std::string term(std::string_view prefix, std::string_view value);

// The value of `term` if its prefix is `prefix` exactly (the run of ASCII capitals it opens with,
// then an optional ':'): "XP:Lào Cai" -> "Lào Cai"; nullopt for "XPP:Lào Cai".
std::optional<std::string> value_of(std::string_view term, std::string_view prefix);

// Marks a new shard as written with this schema.
void stamp_version(Xapian::WritableDatabase& shard);

// IndexError kSchema ("rebuild needed") unless `db` was written with this schema (or holds no
// documents yet); `where` names the index or shard for the message.
void check_version(const Xapian::Database& db, const std::string& where);

// Value slots.
inline constexpr Xapian::valueno kDate = 0;           // "yyyymmdd" (publication, else estimate)
inline constexpr Xapian::valueno kDateEstimated = 1;  // "1" when slot 0 is an estimate
inline constexpr Xapian::valueno kCitationCount = 2;  // sortable_serialise
inline constexpr Xapian::valueno kFacetProvince = 3;  // values joined by '\n'
inline constexpr Xapian::valueno kFacetCited = 4;
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
