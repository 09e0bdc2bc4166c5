// Word-boundary F1 on the held-out UD Vietnamese VTB test split (skips when ../shared is absent).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tracuu/tokenizer/tokenizer.h"

namespace {
using Span = std::pair<std::size_t, std::size_t>;

// Spans over the characters with whitespace and '_' removed, as tools/seg_eval.py scores them.
std::set<Span> spans(const std::vector<std::string>& words) {
  std::set<Span> out;
  std::size_t pos = 0;
  for (const auto& w : words) {
    std::size_t n = 0;
    for (char c : w)
      if (c != ' ' && c != '_') ++n;
    if (n) out.insert({pos, pos + n});
    pos += n;
  }
  return out;
}
}  // namespace

TEST(SegmentationAccuracy, HeldOutTreebankF1IsAtLeast095) {
  std::filesystem::path file =
      std::filesystem::path(TRACUU_SHARED_DIR) / "data/ud-vtb/vi_vtb-ud-test.conllu";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "treebank not found at " << file;
  std::ifstream in(file);
  std::string line, text;
  std::vector<std::string> gold;
  double tp = 0, n_gold = 0, n_pred = 0;
  const auto& tok = tracuu::tokenizer::Tokenizer::shared();
  auto score = [&] {
    if (gold.empty()) return;
    std::vector<std::string> pred;
    std::istringstream ss(tok.segment_line(text));
    for (std::string w; ss >> w;) pred.push_back(w);
    auto g = spans(gold), p = spans(pred);
    for (const auto& s : p) tp += g.count(s);
    n_gold += static_cast<double>(g.size());
    n_pred += static_cast<double>(p.size());
    gold.clear();
  };
  while (std::getline(in, line)) {
    if (line.rfind("# text =", 0) == 0) {
      text = line.substr(8);
    } else if (line.empty()) {
      score();
    } else if (line[0] != '#') {
      auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      gold.push_back(line.substr(t1 + 1, t2 - t1 - 1));
    }
  }
  score();
  double precision = tp / n_pred, recall = tp / n_gold;
  double f1 = 2 * precision * recall / (precision + recall);
  std::printf("VTB test: precision %.4f recall %.4f F1 %.4f\n", precision, recall, f1);
  EXPECT_GE(f1, 0.95);
}
