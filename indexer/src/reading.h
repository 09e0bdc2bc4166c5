// The query's best reading: what the user most likely meant by the words typed (spelling
// corrected, accents restored over whole words), used for "did you mean" and for ranking.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "index_view.h"

namespace tracuu::indexer {

// The query words as the user most likely meant them: spelling corrected for words the index
// does not know (with their neighbours in indexed words as further candidates), then accents
// restored over the whole query (restore_accents). Empty for no words.
std::vector<std::string> best_reading(const IndexView& db, const std::vector<std::string>& words);

// Accents restored over the whole query, not syllable by syllable: "dan van" is "dân vận" (a
// word the segmenter indexed as W term "dân_vận") although "vẫn" alone is more frequent.
// `alternatives[i]`: further syllables query word i may stand for (may be empty).
std::vector<std::string> restore_accents(
    const IndexView& db, const std::vector<std::string>& words,
    const std::vector<std::vector<std::string>>& alternatives = {});

// Ranking only (to be joined with OP_AND_MAYBE): documents holding the reading's words as indexed
// words (W terms: "thanh_hóa", "sơn_la") rank first. nullopt when the reading has none.
std::optional<Xapian::Query> reading_boost(const std::vector<std::string>& reading);

// "dân vận": the words joined by single spaces.
std::string join_words(const std::vector<std::string>& words);

}  // namespace tracuu::indexer
