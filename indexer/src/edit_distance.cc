// Levenshtein distance over UTF-16 units, one row at a time.
#include "edit_distance.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

namespace tracuu::indexer {

std::size_t edit_distance(const std::string& a_utf8, const std::string& b_utf8) {
  icu::UnicodeString a = icu::UnicodeString::fromUTF8(a_utf8);
  icu::UnicodeString b = icu::UnicodeString::fromUTF8(b_utf8);
  std::vector<std::size_t> row(static_cast<std::size_t>(b.length()) + 1);
  for (std::size_t j = 0; j < row.size(); ++j) row[j] = j;
  for (int i = 1; i <= a.length(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = static_cast<std::size_t>(i);
    for (int j = 1; j <= b.length(); ++j) {
      std::size_t up = row[static_cast<std::size_t>(j)];
      row[static_cast<std::size_t>(j)] = std::min({up + 1, row[static_cast<std::size_t>(j) - 1] + 1,
                                                   diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = up;
    }
  }
  return row.back();
}

}  // namespace tracuu::indexer
