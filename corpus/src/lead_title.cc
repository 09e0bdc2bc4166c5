#include "lead_title.h"

#include <cctype>
#include <set>
#include <string_view>
#include <vector>

#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

// Headlines on the portals stay under ~150 characters; a lead runs to several lines.
constexpr std::size_t kLongestHeadline = 160;
constexpr std::size_t kLongestCutTitle = 120;
constexpr std::size_t kShortestSentence = 40;

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> ascii_words(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

// The words of an address's last segment when it is a headline slug, else none: the query and
// fragment, the extension and the trailing article number are not part of it.
std::vector<std::string> slug_words(const std::string& url) {
  std::string_view path(url);
  path = path.substr(0, std::min(path.find_first_of("?#"), path.size()));
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  path.remove_prefix(std::min(path.rfind('/') + 1, path.size()));
  path = path.substr(0, std::min(path.find('.'), path.size()));
  for (unsigned char c : path)
    if (c >= 0x80) return {};
  auto words = ascii_words(path);
  while (!words.empty() && words.back().size() >= 6 &&
         words.back().find_first_not_of("0123456789") == std::string::npos)
    words.pop_back();
  if (words.size() < 3) return {};
  return words;
}

// Titles and offices shortened with a full stop ("PGS. Tạ Hải Tùng", "TP. Huế", "ThS. Lan"): all
// capitals, or ThS.
bool is_abbreviation(std::string_view word) {
  if (word == "ThS") return true;
  if (word.empty() || word.size() > 5) return false;
  for (char c : word)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

bool ends_sentence(std::string_view text, std::size_t i) {
  char c = text[i];
  if (c != '.' && c != '?' && c != '!') return false;
  if (i + 1 < text.size() && text[i + 1] != ' ') return false;
  std::size_t word_start = text.rfind(' ', i);
  word_start = word_start == std::string_view::npos ? 0 : word_start + 1;
  return c != '.' || !is_abbreviation(text.substr(word_start, i - word_start));
}

}  // namespace

bool reads_as_lead(const std::string& title, const std::optional<std::string>& url) {
  if (code_points(title) > kLongestHeadline) return true;
  if (!url) return false;
  auto slug = slug_words(*url);
  if (slug.empty()) return false;
  auto words = ascii_words(tokenizer::fold(title));
  std::set<std::string> in_title(words.begin(), words.end());
  std::size_t found = 0;
  for (const auto& w : slug) found += in_title.count(w);
  return found * 2 < slug.size();
}

std::string title_from_lead(const std::string& lead) {
  for (std::size_t i = 0; i < lead.size(); ++i) {
    if (!ends_sentence(lead, i)) continue;
    std::string_view sentence(lead.data(), lead.find_last_not_of(".", i) + 1);
    std::size_t length = code_points(sentence);
    if (length < kShortestSentence) continue;  // "TP. Hồ Chí Minh": an abbreviation, go on
    if (length <= kLongestCutTitle) return std::string(sentence);
    break;
  }
  if (code_points(lead) <= kLongestCutTitle) return lead;
  std::string cut;
  std::size_t start = 0;
  while (start < lead.size()) {
    std::size_t end = std::min(lead.find(' ', start), lead.size());
    std::string_view word(lead.data() + start, end - start);
    if (code_points(cut) + 1 + code_points(word) > kLongestCutTitle - 1) break;
    if (!cut.empty()) cut += ' ';
    cut += word;
    start = end + 1;
  }
  while (!cut.empty() && std::string_view(",;:-").find(cut.back()) != std::string_view::npos)
    cut.pop_back();
  return cut + "…";
}

}  // namespace tracuu::corpus
