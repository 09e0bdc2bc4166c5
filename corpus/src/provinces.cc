#include "tracuu/corpus/provinces.h"

#include <algorithm>

#include "gazetteer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::corpus {
namespace {

const Gazetteer& gazetteer() {
  static const Gazetteer instance(tokenizer::default_data_dir());
  return instance;
}

}  // namespace

std::vector<std::string> provinces_in_force(const std::optional<std::string>& iso_date) {
  const bool merged = iso_date && *iso_date >= kMergerDate;
  std::vector<std::string> out;
  for (const auto& name : merged ? gazetteer().names_2025() : gazetteer().names())
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  return out;
}

std::string province_after_merger(const std::string& name) {
  std::string after = gazetteer().province_2025(name);
  return after.empty() ? name : after;
}

}  // namespace tracuu::corpus
