// Provinces (63 before 2025, with their post-merger province) and districts, from data/gazetteer.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace tracuu::corpus {

struct PlaceMentions {
  std::vector<std::string> provinces;  // canonical, by first mention
  std::string primary;                 // empty when none
  std::vector<std::string> districts;  // "Chợ Đồn (Bắc Kạn)"
};

class Gazetteer {
 public:
  explicit Gazetteer(const std::string& data_dir);  // throws std::runtime_error

  // `text` in normalize_keep_case form; `title` weighs more for the primary province.
  PlaceMentions find(const std::string& title, const std::string& text) const;
  std::string province_2025(const std::string& province) const;
  // Every province before the 2025 merger, and what each became (repeats), by official code.
  std::vector<std::string> names() const;
  std::vector<std::string> names_2025() const;

 private:
  struct Province {
    std::string name, name_2025;
  };
  // Per province, while reading one text: its score and its first mention (title first).
  struct Tally {
    std::vector<double> score;
    std::vector<std::size_t> first;
    void add(std::size_t province, double weight, std::size_t order);
  };
  void count_names(const std::string& title, const std::string& text, Tally& tally) const;
  void count_hcm_short_names(const std::string& title, const std::string& text, Tally& tally) const;
  void count_districts(const std::string& title, const std::string& text, Tally& tally,
                       std::vector<std::string>& districts) const;
  std::string longest_district(const std::string& text, std::size_t start) const;

  std::vector<Province> provinces_;
  // first two bytes of a province name -> provinces whose name starts with them: one pass over
  // a text finds every name (instead of one search per province)
  std::unordered_map<std::uint16_t, std::vector<std::size_t>> by_prefix_;
  std::array<bool, 256> first_byte_{};  // bytes a province name can start with
  std::unordered_map<std::string, std::size_t> by_code_;
  // district name -> province indexes having a district of that name
  std::unordered_map<std::string, std::vector<std::size_t>> districts_;
};

}  // namespace tracuu::corpus
