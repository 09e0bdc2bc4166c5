// Benchmark input: real text from ../shared/data/corpus when present, else the bundled sample.
#pragma once

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tracuu::bench {

struct Article {
  std::string id, title, text;
};

// Up to `limit` articles from the baomoi corpus (internal testing only, never shipped).
inline std::vector<Article> load_articles(std::size_t limit) {
  std::vector<Article> out;
  std::string path = std::string(TRACUU_SHARED_DIR) + "/data/corpus/baomoi_vn_news_35k.jsonl.gz";
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz) {
    std::string line;
    char buf[1 << 16];
    while (out.size() < limit && gzgets(gz, buf, sizeof buf)) {
      line += buf;
      if (line.empty() || line.back() != '\n') continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      line.clear();
      if (j.is_discarded()) continue;
      out.push_back({j.value("id", ""), j.value("title", ""), j.value("text", "")});
    }
    gzclose(gz);
  }
  if (out.empty()) {  // fall back to the sample corpus's text files
    for (const auto& e : std::filesystem::directory_iterator(std::string(TRACUU_SOURCE_DIR) + "/data/sample")) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      out.push_back({e.path().stem().string(), e.path().stem().string(), ss.str()});
    }
  }
  return out;
}

// About `bytes` of text made of whole articles.
inline std::string text_of_size(std::size_t bytes) {
  std::string text;
  auto articles = load_articles(4000);
  while (text.size() < bytes && !articles.empty())
    for (const auto& a : articles) {
      text += a.title + "\n" + a.text + "\n";
      if (text.size() >= bytes) break;
    }
  return text;
}

}  // namespace tracuu::bench
