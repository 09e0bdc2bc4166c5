// The rules for the lines of an official header, the pieces parse_official_header (text_rules.h)
// is made of.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tracuu/corpus/document.h"

namespace tracuu::corpus {

inline constexpr std::size_t kHeaderLines = 14;  // an official header fits in its first paragraphs

// The start of paragraph `i`, normalized: header lines are short, and this is all the header
// rules look at.
std::string header_line_start(const std::vector<Paragraph>& paragraphs, std::size_t i);

// The "Số: 05-CT/TW" line among the first `limit` paragraphs: its index (`limit` when none), and
// the canonical number in `number`.
std::size_t find_number_line(const std::vector<Paragraph>& paragraphs, std::size_t limit,
                             std::string& number);

// The Politburo or the Secretariat for a text under the Central Committee's header, when its
// type line or its signature names one.
void name_central_organ(const std::vector<Paragraph>& paragraphs, std::size_t limit,
                        OfficialHeader& h);

// The type line below the number line (`so_line`) and the subject after it.
void read_type_line(const std::vector<Paragraph>& paragraphs, std::size_t limit,
                    std::size_t so_line, OfficialHeader& h);

// The type name a number's code says ("49-CT/TW" -> "Chỉ thị"), for a text without a type line.
std::optional<std::string> type_of_number(const std::string& number);

}  // namespace tracuu::corpus
