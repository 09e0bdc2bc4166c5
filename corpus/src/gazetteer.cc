// Place recognition: province names with or without a type word, districts implying provinces.
#include "gazetteer.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "text_rules.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

std::vector<std::string> split_tab(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string f; std::getline(ss, f, '\t');) out.push_back(f);
  return out;
}

bool is_letter_byte_before(const std::string& s, std::size_t pos) {
  return pos > 0 && is_word_byte(static_cast<unsigned char>(s[pos - 1]));
}

bool is_letter_byte_after(const std::string& s, std::size_t pos) {
  return pos < s.size() && is_word_byte(static_cast<unsigned char>(s[pos]));
}

std::uint16_t prefix_key(const std::string& s, std::size_t pos) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[pos]) << 8 |
                                    static_cast<unsigned char>(s[pos + 1]));
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Type words and Party/State bodies that make a following name a place for sure.
bool typed_before(const std::string& text, std::size_t pos) {
  std::string_view before(text.data(), pos);
  if (before.size() > 24) before = before.substr(before.size() - 24);
  for (std::string_view w :
       {"tỉnh ", "Tỉnh ", "TỈNH ", "thành phố ", "Thành phố ", "THÀNH PHỐ ", "TP ", "TP. ", "Tp ",
        "Tp. ", "TP.", "Tỉnh ủy ", "Thành ủy ", "tỉnh ủy ", "thành ủy ", "Thủ đô ", "thủ đô "})
    if (ends_with(before, w)) return true;
  return false;
}

// "Tòa án nhân dân cấp cao tại Hà Nội", "trú tại Hà Nội": a place, unless the sentence is about
// an event held there ("Hội nghị ... diễn ra tại Hà Nội"), where the city is only the venue.
bool located_at(const std::string& s, std::size_t pos) {
  constexpr std::string_view kAt = "tại ";
  if (pos < kAt.size() || s.compare(pos - kAt.size(), kAt.size(), kAt) != 0) return false;
  // The sentence around the mention, at most 160 bytes each way.
  std::size_t from = pos > 160 ? pos - 160 : 0;
  std::size_t stop = s.find_last_of(".\n", pos);
  if (stop != std::string::npos && stop >= from) from = stop + 1;
  std::size_t to = std::min(s.size(), pos + 160);
  std::size_t end = s.find_first_of(".\n", pos);
  if (end != std::string::npos && end < to) to = end;
  std::string_view sentence(s.data() + from, to - from);
  for (std::string_view event :
       {"hội nghị", "Hội nghị", "hội thảo", "Hội thảo", "họp", "diễn ra", "khai mạc", "tổ chức",
        "đại hội", "Đại hội", "tọa đàm", "lễ ", "Lễ ", "gặp", "phiên", "chủ trì"})
    if (sentence.find(event) != std::string_view::npos) return false;
  return true;
}

}  // namespace

Gazetteer::Gazetteer(const std::string& data_dir) {
  std::ifstream p(data_dir + "/gazetteer/provinces.tsv");
  if (!p) throw std::runtime_error("cannot read " + data_dir + "/gazetteer/provinces.tsv");
  std::string line;
  while (std::getline(p, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tab(line);
    if (f.size() < 4) continue;
    // The source spells some names the old way ("Hoà Bình"); the text we search and the names we
    // hand out use the normalizer's canonical tone placement ("Hòa Bình").
    f[1] = tokenizer::normalize_keep_case(f[1]);
    f[3] = tokenizer::normalize_keep_case(f[3]);
    by_code_[f[0]] = provinces_.size();
    if (f[1].size() >= 2) {
      by_prefix_[prefix_key(f[1], 0)].push_back(provinces_.size());
      first_byte_[static_cast<unsigned char>(f[1][0])] = true;
    }
    provinces_.push_back({f[1], f[3]});
  }
  std::ifstream d(data_dir + "/gazetteer/districts.tsv");
  if (!d) throw std::runtime_error("cannot read " + data_dir + "/gazetteer/districts.tsv");
  while (std::getline(d, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto f = split_tab(line);
    if (f.size() < 4 || !by_code_.count(f[3])) continue;
    districts_[tokenizer::normalize_keep_case(f[1])].push_back(by_code_[f[3]]);
  }
}

std::string Gazetteer::province_2025(const std::string& province) const {
  for (const auto& p : provinces_)
    if (p.name == province) return p.name_2025;
  return "";
}

std::vector<std::string> Gazetteer::names() const {
  std::vector<std::string> out;
  for (const auto& p : provinces_) out.push_back(p.name);
  return out;
}

std::vector<std::string> Gazetteer::names_2025() const {
  std::vector<std::string> out;
  for (const auto& p : provinces_) out.push_back(p.name_2025);
  return out;
}

void Gazetteer::Tally::add(std::size_t province, double weight, std::size_t order) {
  score[province] += weight;
  first[province] = std::min(first[province], order);
}

// Province names, at the start of a word and with a capital.
void Gazetteer::count_names(const std::string& title, const std::string& text, Tally& tally) const {
  for (const std::string* s : {&title, &text}) {
    for (std::size_t pos = 0; pos + 1 < s->size(); ++pos) {
      // Most positions end at the first test.
      if (!first_byte_[static_cast<unsigned char>((*s)[pos])] || is_letter_byte_before(*s, pos))
        continue;
      auto bucket = by_prefix_.find(prefix_key(*s, pos));
      if (bucket == by_prefix_.end()) continue;
      for (std::size_t i : bucket->second) {
        const std::string& name = provinces_[i].name;
        if (s->compare(pos, name.size(), name) != 0) continue;
        // "Hồ Chí Minh" alone is usually the person; "Hà Nội" alone is often just a venue.
        bool needs_type = name == "Hồ Chí Minh" || name == "Hà Nội";
        if (is_letter_byte_after(*s, pos + name.size())) continue;
        bool typed = typed_before(*s, pos);
        // An address ("quận Ba Đình, Hà Nội", "Nội Bài (Hà Nội)") is a place too.
        bool address = pos >= 2 && (s->compare(pos - 2, 2, ", ") == 0 || (*s)[pos - 1] == '(');
        if (needs_type && !typed && !address && !located_at(*s, pos)) continue;
        double w = (typed ? 2.0 : 1.0) * (s == &title ? 3.0 : 1.0);
        tally.add(i, w, (s == &title ? 0 : title.size() + 1) + pos);
      }
    }
  }
}

// Common short names of Thành phố Hồ Chí Minh.
void Gazetteer::count_hcm_short_names(const std::string& title, const std::string& text,
                                      Tally& tally) const {
  for (std::string_view alias : {"TP.HCM", "TP HCM", "TPHCM", "Tp.HCM", "TP. HCM", "Tp HCM"}) {
    for (const std::string* s : {&title, &text}) {
      std::size_t pos = s->find(alias);
      if (pos == std::string::npos || is_letter_byte_after(*s, pos + alias.size())) continue;
      for (std::size_t i = 0; i < provinces_.size(); ++i) {
        if (provinces_[i].name != "Hồ Chí Minh") continue;
        tally.add(i, s == &title ? 6.0 : 2.0, (s == &title ? 0 : title.size() + 1) + pos);
      }
    }
  }
}

// The longest district name of up to 4 syllables starting at `start`; empty when none.
std::string Gazetteer::longest_district(const std::string& text, std::size_t start) const {
  std::string best, cand;
  std::size_t p = start;
  for (int syl = 0; syl < 4 && p < text.size(); ++syl) {
    std::size_t sp = text.find(' ', p);
    if (sp == std::string::npos) sp = text.size();
    std::string word = text.substr(p, sp - p);
    bool stop = false;
    while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back()))) {
      word.pop_back();
      stop = true;
    }
    if (word.empty()) break;
    cand += (cand.empty() ? "" : " ") + word;
    if (districts_.count(cand)) best = cand;
    if (stop) break;
    p = sp + 1;
  }
  return best;
}

// Districts with a type word; a unique name implies its province, an ambiguous one the
// province the text names most.
void Gazetteer::count_districts(const std::string& title, const std::string& text, Tally& tally,
                                std::vector<std::string>& districts) const {
  for (std::string_view type :
       {"huyện ", "Huyện ", "quận ", "Quận ", "thị xã ", "Thị xã ", "TX. ", "TX "}) {
    for (std::size_t pos = text.find(type); pos != std::string::npos;
         pos = text.find(type, pos + 1)) {
      std::string best = longest_district(text, pos + type.size());
      if (best.empty()) continue;
      const auto& owners = districts_.at(best);
      std::size_t owner = owners.front();
      if (owners.size() > 1) {
        auto it = std::max_element(owners.begin(), owners.end(), [&](std::size_t a, std::size_t b) {
          return tally.score[a] < tally.score[b];
        });
        if (tally.score[*it] == 0) continue;
        owner = *it;
      }
      std::string label = best + " (" + provinces_[owner].name + ")";
      if (std::find(districts.begin(), districts.end(), label) == districts.end())
        districts.push_back(label);
      tally.add(owner, 1.0, title.size() + 1 + pos);
    }
  }
}

PlaceMentions Gazetteer::find(const std::string& title, const std::string& text) const {
  Tally tally{std::vector<double>(provinces_.size(), 0),
              std::vector<std::size_t>(provinces_.size(), std::string::npos)};
  count_names(title, text, tally);
  count_hcm_short_names(title, text, tally);
  PlaceMentions out;
  count_districts(title, text, tally, out.districts);
  const auto& score = tally.score;
  const auto& first = tally.first;
  std::vector<std::size_t> found;
  for (std::size_t i = 0; i < provinces_.size(); ++i)
    if (score[i] > 0) found.push_back(i);
  std::sort(found.begin(), found.end(), [&](auto a, auto b) { return first[a] < first[b]; });
  for (auto i : found) out.provinces.push_back(provinces_[i].name);
  if (!found.empty()) {
    auto best = *std::max_element(found.begin(), found.end(), [&](auto a, auto b) {
      return score[a] < score[b] || (score[a] == score[b] && first[a] > first[b]);
    });
    out.primary = provinces_[best].name;
  }
  return out;
}

}  // namespace tracuu::corpus
