// The relaxed pass of a search, run when the strict one (every word required) finds less than a
// page: each plain word may be itself, its correction, or missing, and documents holding more of
// the words always rank above those holding fewer.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "index_view.h"
#include "query_parser.h"

namespace tracuu::indexer {

struct RelaxedQuery {
  Xapian::Query query;
  // Enquire::set_cutoff's weight cutoff: a document must hold at least half the words.
  double min_weight = 0;
  // The words searched for: as typed, or the reading's once a word was corrected.
  std::vector<std::string> searched;
  bool corrected = false;  // some word was replaced by its correction
};

// nullopt when the query has no plain word to relax. `reading` is best_reading(parsed.words).
std::optional<RelaxedQuery> relaxed_query(const ParsedQuery& parsed,
                                          const std::vector<std::string>& reading,
                                          const IndexView& db);

}  // namespace tracuu::indexer
