// Extraction accuracy against hand labels of real articles (tests/golden; skips without ../shared).
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <ctime>
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

std::set<std::string> optional_set(const std::optional<std::string>& v) {
  return v ? std::set<std::string>{*v} : std::set<std::string>{};
}

std::set<std::string> label_set(const nlohmann::json& v) {
  return v.is_null() ? std::set<std::string>{} : std::set<std::string>{v.get<std::string>()};
}

// Days between two ISO dates (both valid).
long days_between(const std::string& a, const std::string& b) {
  auto days = [](const std::string& iso) {
    std::tm tm{};
    tm.tm_year = std::stoi(iso.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(iso.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(iso.substr(8, 2));
    return static_cast<long>(timegm(&tm) / 86400);
  };
  return std::labs(days(a) - days(b));
}

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
  ASSERT_GE(labels.size(), 60u);
  Score citations, provinces, dates, numbers;
  double primary_right = 0, primary_n = 0, estimated_near = 0, estimated_n = 0;
  std::size_t found = 0;
  for (const char* file : {"baomoi_vn_news_35k.jsonl.gz", "dantri_unc_2653.jsonl.gz",
                           "vn_legal_codes_vlc.jsonl.gz"}) {
    gzFile gz = gzopen((corpus / file).string().c_str(), "rb");
    ASSERT_NE(gz, nullptr);
    std::string line;
    std::vector<char> buf(1 << 20);
    while (gzgets(gz, buf.data(), static_cast<int>(buf.size()))) {
      line += buf.data();
      if (line.back() != '\n') continue;
      auto id_at = line.find("\"id\": \"");
      std::string id = id_at == std::string::npos ? "" : line.substr(id_at + 7, line.find('"', id_at + 7) - id_at - 7);
      if (labels.count(id)) {
        auto j = nlohmann::json::parse(line);
        // The corpus knows some dates from its crawl; the extractor must find them in the text.
        j.erase("date");
        tracuu::corpus::RawDocument raw;
        raw.format = tracuu::corpus::RawDocument::Format::kJson;
        raw.content = j["text"].get<std::string>();
        raw.fields = j;
        auto doc = tracuu::corpus::Extractor::shared().extract(raw);
        const auto& gold = labels[id];
        // Disagreements are printed: they are what to look at when a figure drops.
        auto report = [&](const char* what, const auto& want, const auto& got) {
          if (want != got)
            std::printf("  %s %s: labeled %s, extracted %s\n", id.c_str(), what,
                        nlohmann::json(want).dump().c_str(), nlohmann::json(got).dump().c_str());
        };
        report("date", label_set(gold["date"]), optional_set(doc.date));
        dates.add(label_set(gold["date"]), optional_set(doc.date));
        if (gold.contains("citations")) {
          std::set<std::string> got;
          for (const auto& c : doc.citations) got.insert(c.number);
          report("citations", strings(gold["citations"]), got);
          citations.add(strings(gold["citations"]), got);
        }
        if (gold.contains("provinces")) {
          std::set<std::string> got(doc.provinces.begin(), doc.provinces.end());
          report("provinces", strings(gold["provinces"]), got);
          provinces.add(strings(gold["provinces"]), got);
        }
        if (gold.contains("primary_province")) {
          primary_right += label_set(gold["primary_province"]) == optional_set(doc.primary_province);
          ++primary_n;
        }
        if (gold.contains("number")) {
          auto got = doc.header ? std::set<std::string>{doc.header->number} : std::set<std::string>{};
          report("number", label_set(gold["number"]), got);
          numbers.add(label_set(gold["number"]), got);
          EXPECT_EQ(doc.type, gold["type"].get<std::string>()) << id;
        }
        if (gold.contains("published")) {
          ++estimated_n;
          if (doc.date_estimated &&
              days_between(*doc.date_estimated, gold["published"].get<std::string>()) <= 1)
            ++estimated_near;
        }
        ++found;
      }
      line.clear();
    }
    gzclose(gz);
  }
  ASSERT_EQ(found, labels.size());
  std::printf("golden (%zu docs): citations P %.3f R %.3f | provinces P %.3f R %.3f | "
              "primary province %.3f | dates P %.3f R %.3f | official numbers P %.3f R %.3f | "
              "estimated date within a day %.0f/%.0f\n",
              found, citations.precision(), citations.recall(), provinces.precision(),
              provinces.recall(), primary_right / primary_n, dates.precision(), dates.recall(),
              numbers.precision(), numbers.recall(), estimated_near, estimated_n);
  // Floors below the measured figures, so a regression fails; the targets are 0.95.
  EXPECT_GE(citations.precision(), 0.95);
  EXPECT_GE(citations.recall(), 0.95);
  EXPECT_GE(provinces.precision(), 0.95);
  EXPECT_GE(provinces.recall(), 0.95);
  EXPECT_GE(primary_right / primary_n, 0.90);
  EXPECT_GE(dates.precision(), 0.95);
  EXPECT_GE(dates.recall(), 0.95);
  EXPECT_GE(numbers.recall(), 0.95);
}
