// What a Vietnamese keyboard slip may have meant: Telex and VNI keys typed without the input
// method ("vieetj" -> "việt", "tinhr" -> "tỉnh", "vie6t5" -> "việt") and the plain slips of any
// keyboard (two letters swapped, a letter dropped or doubled). Pure string functions; whether a
// candidate is a word is for the caller to ask the index.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu::indexer {

// The syllable a Telex (or VNI) key sequence types: onset, vowels with their marks (aa â, aw ă,
// ee ê, oo ô, ow ơ, uw ư, dd đ; VNI 6 7 8 9) and one tone key anywhere after the onset (s f r x
// j, VNI 1-5), normalized like indexed text. nullopt when `typed` uses no key (it is its own
// syllable) or the result is not a well-formed Vietnamese syllable.
std::optional<std::string> decode_keys(std::string_view typed);

// True for a well-formed accentless Vietnamese syllable ("nghieng", "tinh"), false for "ubnd",
// "xqzjv": the shape of the letters only, not whether the syllable exists.
bool syllable_shaped(std::string_view folded);

// The strings one keyboard slip away from `typed` (ASCII letters and digits): each letter
// dropped, each neighbour pair swapped, each letter doubled back to one, a letter added (a
// dropped one restored). Without `typed` itself; may hold duplicates of one another.
std::vector<std::string> one_slip_away(std::string_view typed);

}  // namespace tracuu::indexer
