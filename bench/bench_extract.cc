// Extraction throughput, single thread: cleaning and metadata over real articles.
#include <benchmark/benchmark.h>

#include "bench_input.h"
#include "tracuu/corpus/extractor.h"

static void BM_Extract(benchmark::State& state) {
  auto articles = tracuu::bench::load_articles(2000);
  std::vector<tracuu::corpus::RawDocument> raws;
  std::size_t bytes = 0;
  for (const auto& a : articles) {
    tracuu::corpus::RawDocument raw;
    raw.format = tracuu::corpus::RawDocument::Format::kText;
    raw.content = a.title + "\n" + a.text;
    bytes += raw.content.size();
    raws.push_back(std::move(raw));
  }
  const auto& extractor = tracuu::corpus::Extractor::shared();
  for (auto _ : state)
    for (const auto& raw : raws) benchmark::DoNotOptimize(extractor.extract(raw));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["docs"] = static_cast<double>(raws.size());
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMillisecond);

// Linear in input size: one document of growing length.
static void BM_ExtractOneLargeDocument(benchmark::State& state) {
  std::string text = "Tiêu đề\n" + tracuu::bench::text_of_size(static_cast<std::size_t>(state.range(0)));
  tracuu::corpus::RawDocument raw;
  raw.content = text;
  const auto& extractor = tracuu::corpus::Extractor::shared();
  for (auto _ : state) benchmark::DoNotOptimize(extractor.extract(raw));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ExtractOneLargeDocument)->Arg(1 << 20)->Arg(4 << 20)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
