// The soak's writer (bench/http/soak.sh): one process that holds the index open and commits a
// batch of new documents every second, as a busy archive's writer does; a `tracuu index` run per
// batch takes longer than a second on a loaded machine (startup, short-name resolution), so it
// could not keep that pace. Prints each commit's time to stdout.
// Usage: soak_writer DB DOCS.jsonl PER_COMMIT SECONDS
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"
#include "tracuu/indexer/index_writer.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: soak_writer DB DOCS.jsonl PER_COMMIT SECONDS\n");
    return 2;
  }
  std::vector<tracuu::corpus::RawDocument> raws;
  tracuu::corpus::read_path(
      argv[2], [&](tracuu::corpus::RawDocument&& raw) { raws.push_back(std::move(raw)); },
      [](const tracuu::corpus::ReadError& e) { std::fprintf(stderr, "%s\n", e.reason.c_str()); });
  const std::size_t per_commit = std::stoul(argv[3]);
  const auto seconds = std::stoi(argv[4]);
  tracuu::indexer::IndexWriter writer(argv[1], {});
  auto next = std::chrono::steady_clock::now();
  std::size_t at = 0;
  for (int i = 0; i < seconds && at < raws.size(); ++i) {
    for (std::size_t n = 0; n < per_commit && at < raws.size(); ++n, ++at)
      writer.upsert(tracuu::corpus::Extractor::shared().extract(raws[at]));
    writer.commit();
    auto now = std::chrono::system_clock::now().time_since_epoch();
    std::printf("%.3f\n", std::chrono::duration<double>(now).count());
    std::fflush(stdout);
    next += std::chrono::seconds(1);
    std::this_thread::sleep_until(next);
  }
  return 0;
}
