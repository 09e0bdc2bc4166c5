// Edit distance of two short words, shared by the reading and the corrections of query words.
#pragma once

#include <cstddef>
#include <string>

namespace tracuu::indexer {

// Edit distance of two short words, by UTF-16 unit (Vietnamese letters are one unit each).
std::size_t edit_distance(const std::string& a_utf8, const std::string& b_utf8);

}  // namespace tracuu::indexer
