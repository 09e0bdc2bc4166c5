// The provinces of Việt Nam as they stood on a date, from data/gazetteer: the 63 before the 2025
// merger (Nghị quyết 202/2025/QH15; the merged provinces work as one from 1 July 2025) and the 34
// after it. Used to tell which provinces have not yet reported on a directive.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tracuu::corpus {

inline constexpr const char* kMergerDate = "2025-07-01";

// Canonical names (the normalizer's tone placement), in the order of their official codes. A date
// before kMergerDate (or none) gives the 63; from it on, the 34.
std::vector<std::string> provinces_in_force(const std::optional<std::string>& iso_date);

// The province a pre-merger one became ("Bắc Kạn" -> "Thái Nguyên"); the name itself when it
// is already a post-merger name or unknown.
std::string province_after_merger(const std::string& name);

}  // namespace tracuu::corpus
