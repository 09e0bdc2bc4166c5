// Tokenizer throughput, single thread: normalization, breaking + typing, segmentation.
#include <benchmark/benchmark.h>

#include <chrono>

#include "bench_input.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace {
const std::string& input() {
  static const std::string text = tracuu::bench::text_of_size(8 << 20);
  return text;
}
}  // namespace

static void BM_Normalize(benchmark::State& state) {
  const auto& text = input();
  for (auto _ : state) benchmark::DoNotOptimize(tracuu::tokenizer::normalize(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

static void BM_Tokenize(benchmark::State& state) {
  const auto& text = input();
  const auto& tok = tracuu::tokenizer::Tokenizer::shared();
  for (auto _ : state) benchmark::DoNotOptimize(tok.tokenize(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

static void BM_TokenizeAndSegment(benchmark::State& state) {
  const auto& text = input();
  const auto& tok = tracuu::tokenizer::Tokenizer::shared();
  for (auto _ : state) {
    auto tokens = tok.tokenize(text);
    benchmark::DoNotOptimize(tok.segment(text, tokens));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TokenizeAndSegment)->Unit(benchmark::kMillisecond);

// The way the indexer uses it: one call per document (title and text), not one 8 MB string.
const std::vector<std::string>& documents() {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> out;
    std::size_t bytes = 0;
    for (const auto& a : tracuu::bench::load_articles(4000)) {
      if (bytes >= (8u << 20)) break;
      out.push_back(a.title + "\n" + a.text);
      bytes += out.back().size();
    }
    return out;
  }();
  return docs;
}

std::size_t documents_bytes() {
  std::size_t n = 0;
  for (const auto& d : documents()) n += d.size();
  return n;
}

static void BM_TokenizeDocuments(benchmark::State& state) {
  const auto& tok = tracuu::tokenizer::Tokenizer::shared();
  for (auto _ : state)
    for (const auto& d : documents()) benchmark::DoNotOptimize(tok.tokenize(d));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * documents_bytes()));
}
BENCHMARK(BM_TokenizeDocuments)->Unit(benchmark::kMillisecond);

static void BM_TokenizeAndSegmentDocuments(benchmark::State& state) {
  const auto& tok = tracuu::tokenizer::Tokenizer::shared();
  for (auto _ : state)
    for (const auto& d : documents()) {
      auto tokens = tok.tokenize(d);
      benchmark::DoNotOptimize(tok.segment(d, tokens));
    }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * documents_bytes()));
}
BENCHMARK(BM_TokenizeAndSegmentDocuments)->Unit(benchmark::kMillisecond);

static void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) tracuu::tokenizer::Tokenizer tok(TRACUU_DEFAULT_DATA_DIR);
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
