// PDF and OCR throughput and OCR accuracy on the generated fixtures (tests/fixtures/
// make_pdf_fixtures.py, built from the sample plans): text-layer pages/s and MB/s, OCR pages/s on
// one core and on all cores, and the character error rate of the 300 dpi scans.
#include <benchmark/benchmark.h>

#include <thread>

#include "../tests/fixtures/pdf_fixtures.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"

namespace {

using tracuu::corpus::RawDocument;
constexpr int kScans = 8;  // ke-hoach-01..08

RawDocument raw_of(const std::filesystem::path& path, RawDocument::Format format) {
  RawDocument raw;
  raw.format = format;
  raw.origin = path.string();
  raw.content = tracuu::test::slurp_file(path);
  return raw;
}

std::filesystem::path fixtures() { return tracuu::test::pdf_fixtures(kScans); }

void BM_PdfTextLayer(benchmark::State& state) {
  auto raw = raw_of(fixtures() / "ke-hoach-01.pdf", RawDocument::Format::kPdf);
  const auto& extractor = tracuu::corpus::Extractor::shared();
  int pages = 0;
  for (auto _ : state) pages += extractor.extract(raw).pages.value_or(0);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * raw.content.size()));
  state.counters["pages/s"] = benchmark::Counter(pages, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PdfTextLayer)->Unit(benchmark::kMillisecond)->UseRealTime();

std::vector<RawDocument> scans() {
  std::vector<RawDocument> out;
  for (int n = 1; n <= kScans; ++n)
    out.push_back(raw_of(fixtures() / ("ke-hoach-0" + std::to_string(n) + "-scan.png"),
                         RawDocument::Format::kImage));
  return out;
}

// One page at a time: the OCR pool works on one page, so this is pages/s of one core.
void BM_OcrOneCore(benchmark::State& state) {
  auto raws = scans();
  const auto& extractor = tracuu::corpus::Extractor::shared();
  std::size_t pages = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(extractor.extract(raws[pages % raws.size()]));
    ++pages;
  }
  state.counters["pages/s"] = benchmark::Counter(double(pages), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_OcrOneCore)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(4);

// All the scans at once from as many workers as cores, as `tracuu index` does.
void BM_OcrAllCores(benchmark::State& state) {
  auto raws = scans();
  const auto& extractor = tracuu::corpus::Extractor::shared();
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  for (auto _ : state) {
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < cores; ++w)
      workers.emplace_back([&, w] {
        for (std::size_t i = w; i < raws.size(); i += cores)
          benchmark::DoNotOptimize(extractor.extract(raws[i]));
      });
    for (auto& t : workers) t.join();
  }
  double pages = double(state.iterations() * raws.size());
  state.counters["pages/s"] = benchmark::Counter(pages, benchmark::Counter::kIsRate);
  state.counters["pages/s/core"] = benchmark::Counter(pages / cores, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_OcrAllCores)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// Accuracy, not speed: the CER of each scan against its sample text (counters; one pass).
void BM_OcrCharErrorRate(benchmark::State& state) {
  auto raws = scans();
  const auto& extractor = tracuu::corpus::Extractor::shared();
  double sum = 0, worst = 0, confidence = 0;
  for (auto _ : state) {
    for (int n = 1; n <= kScans; ++n) {
      auto scan = extractor.extract(raws[n - 1]);
      tracuu::corpus::RawDocument text;
      text.content =
          tracuu::test::slurp_file(std::filesystem::path(TRACUU_SOURCE_DIR) / "data/sample" /
                                   ("ke-hoach-0" + std::to_string(n) + ".txt"));
      double cer = tracuu::test::char_error_rate(scan.text, extractor.extract(text).text);
      sum += cer;
      worst = std::max(worst, cer);
      confidence += scan.ocr ? scan.ocr->mean_confidence : 0;
    }
  }
  state.counters["CER_mean_%"] = 100 * sum / kScans;
  state.counters["CER_worst_%"] = 100 * worst;
  state.counters["confidence"] = confidence / kScans;
}
BENCHMARK(BM_OcrCharErrorRate)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
