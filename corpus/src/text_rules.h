// Line-level rules: dates, boilerplate tails, bylines, captions and official headers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "text_util.h"
#include "tracuu/corpus/document.h"

namespace tracuu::corpus {

// A byte of a word: an ASCII letter or digit, or any byte of a multi-byte UTF-8 character
// (Vietnamese letters). Inline and locale-free: it runs for every byte of a text.
inline bool is_word_byte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

// "20/5/2024", "2024-05-20T08:15", "ngày 15 tháng 5 năm 2016" -> ISO; nullopt when none.
std::optional<std::string> parse_any_date(const std::string& text);

// A short line that is only a date: "Thứ Hai, 20/5/2024", "20/05/2024 08:15".
bool is_date_line(const std::string& line);

// Header furniture that is not a title ("ĐẢNG CỘNG SẢN VIỆT NAM", "Số: 05-CT/TW").
bool looks_like_header_line(const std::string& line);

struct CleanResult {
  std::vector<Paragraph> paragraphs;
  std::optional<std::string> author, source, date_line;
};

// Drops navigation tails, share widgets and repeated paragraphs; marks captions;
// takes a final byline and "(site.vn)" credit out of the body.
CleanResult clean_paragraphs(std::vector<Paragraph> paragraphs);

std::optional<OfficialHeader> parse_official_header(const std::vector<Paragraph>& paragraphs);

// A best estimate of an undated page's date: the day a news lead opens with ("Ngày 26/4, ..."),
// in the year of the latest full date mentioned; else that latest full date.
std::optional<std::string> estimate_date(const std::string& title, const std::string& text);

}  // namespace tracuu::corpus
