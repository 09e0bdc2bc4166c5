// Extraction accuracy against hand labels of real articles (tests/golden; skips without ../shared).
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "tracuu/corpus/extractor.h"

namespace {

struct Score {
  double tp = 0, fp = 0, fn = 0;
  void add(const std::set<std::string>& gold, const std::set<std::string>& got) {
    for (const auto& g : got) (gold.count(g) ? tp : fp) += 1;
    for (const auto& g : gold) fn += got.count(g) ? 0 : 1;
  }
  double precision() const { return tp + fp > 0 ? tp / (tp + fp) : 1; }
  double recall() const { return tp + fn > 0 ? tp / (tp + fn) : 1; }
};

std::set<std::string> strings(const nlohmann::json& j) {
  std::set<std::string> out;
  for (const auto& v : j) out.insert(v.get<std::string>());
  return out;
}

}  // namespace

TEST(Golden, ExtractionMatchesHandLabelsOfRealArticles) {
  namespace fs = std::filesystem;
  fs::path corpus = fs::path(TRACUU_SHARED_DIR) / "data/corpus";
  if (!fs::exists(corpus)) GTEST_SKIP() << "no ../shared/data/corpus";
  std::map<std::string, nlohmann::json> labels;  // id -> label
  std::ifstream in(std::string(TRACUU_SOURCE_DIR) + "/tests/golden/labels.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto j = nlohmann::json::parse(line);
    labels[j["id"].get<std::string>()] = j;
  }
  ASSERT_GE(labels.size(), 30u);
  Score citations, provinces;
  double dates_right = 0, primary_right = 0;
  std::size_t found = 0;
  for (const char* file : {"baomoi_vn_news_35k.jsonl.gz", "dantri_unc_2653.jsonl.gz"}) {
    gzFile gz = gzopen((corpus / file).string().c_str(), "rb");
    ASSERT_NE(gz, nullptr);
    std::string line;
    char buf[1 << 16];
    while (gzgets(gz, buf, sizeof buf)) {
      line += buf;
      if (line.back() != '\n') continue;
      auto id_at = line.find("\"id\": \"");
      std::string id = id_at == std::string::npos ? "" : line.substr(id_at + 7, line.find('"', id_at + 7) - id_at - 7);
      if (labels.count(id)) {
        auto j = nlohmann::json::parse(line);
        tracuu::corpus::RawDocument raw;
        raw.format = tracuu::corpus::RawDocument::Format::kJson;
        raw.content = j["text"].get<std::string>();
        raw.fields = j;
        auto doc = tracuu::corpus::Extractor::shared().extract(raw);
        const auto& gold = labels[id];
        std::set<std::string> got_c, got_p(doc.provinces.begin(), doc.provinces.end());
        for (const auto& c : doc.citations) got_c.insert(c.number);
        citations.add(strings(gold["citations"]), got_c);
        provinces.add(strings(gold["provinces"]), got_p);
        std::string gold_date = gold["date"].is_null() ? "" : gold["date"].get<std::string>();
        dates_right += gold_date == doc.date.value_or("");
        std::string gold_primary = gold["primary_province"].is_null() ? "" : gold["primary_province"].get<std::string>();
        primary_right += gold_primary == doc.primary_province.value_or("");
        ++found;
      }
      line.clear();
    }
    gzclose(gz);
  }
  ASSERT_EQ(found, labels.size());
  double n = static_cast<double>(found);
  std::printf("golden (%zu docs): citations P %.3f R %.3f | provinces P %.3f R %.3f | "
              "primary province %.3f | dates %.3f\n",
              found, citations.precision(), citations.recall(), provinces.precision(),
              provinces.recall(), primary_right / n, dates_right / n);
  // Floors below the measured figures, so a regression fails; the targets are 0.95.
  EXPECT_GE(citations.precision(), 0.90);
  EXPECT_GE(citations.recall(), 0.90);
  EXPECT_GE(provinces.precision(), 0.90);
  EXPECT_GE(provinces.recall(), 0.85);
  EXPECT_GE(primary_right / n, 0.90);
  EXPECT_GE(dates_right / n, 0.95);
}
