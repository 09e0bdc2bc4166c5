// CSV exports of search results and of a cited document's citing documents: UTF-8 with a byte
// order mark and CRLF lines (RFC 4180), which Excel opens with the Vietnamese intact.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "tracuu/indexer/search_result.h"

namespace tracuu::server {

// The most rows an export holds; the reply says when there were more (X-Total-Count and a
// last row naming the cap), so a cut never passes unnoticed.
inline constexpr std::size_t kCsvMaxRows = 10000;

// The header row and one row per hit. `total` is the number of matches (more than the hits when
// the export was capped).
std::string csv_export(const std::vector<indexer::Hit>& hits, std::size_t total);

// One field, quoted when it must be; a value a spreadsheet would run as a formula (=, +, -, @
// first) is prefixed with an apostrophe, so a title cannot become a command on a staff PC.
std::string csv_field(const std::string& value);

}  // namespace tracuu::server
