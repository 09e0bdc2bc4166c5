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

static void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state) tracuu::tokenizer::Tokenizer tok(TRACUU_DEFAULT_DATA_DIR);
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond)->Iterations(3);

BENCHMARK_MAIN();
