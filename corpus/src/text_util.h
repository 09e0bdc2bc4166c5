// Small text helpers shared by the corpus rules, inline because they run for every line.
#pragma once

#include <string>

namespace tracuu::corpus {

// `s` without leading and trailing spaces, tabs and line breaks.
inline std::string trim(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  std::size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

}  // namespace tracuu::corpus
