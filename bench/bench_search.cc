// Indexing throughput, index size and query latency of tracuu (Xapian) against SQLite FTS5
// ('unicode61 remove_diacritics 2') on the same real documents and the same queries, in one run.
// Usage: bench_search [DOCS=20000] [QUERIES=300]   (needs ../shared/data/corpus for real text)
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "bench_input.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::uintmax_t dir_size(const fs::path& p) {
  std::uintmax_t n = 0;
  if (fs::is_regular_file(p)) return fs::file_size(p);
  for (const auto& e : fs::recursive_directory_iterator(p))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

struct Query {
  std::string kind;  // word, phrase, accentless, filter
  std::string text;  // tracuu syntax
  std::string fts;   // FTS5 MATCH syntax
  std::string province;
};

struct Latency {
  std::vector<double> ms;
  double pct(double p) {
    std::sort(ms.begin(), ms.end());
    return ms.empty() ? 0
                      : ms[std::min(ms.size() - 1,
                                    static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
  }
};

std::string fts_quote(const std::string& s) { return "\"" + s + "\""; }

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "sqlite %s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n_docs = argc > 1 ? std::stoul(argv[1]) : 20000;
  std::size_t n_queries = argc > 2 ? std::stoul(argv[2]) : 300;
  auto articles = tracuu::bench::load_articles(n_docs);
  if (articles.size() < n_docs)
    std::fprintf(stderr, "note: only %zu documents available\n", articles.size());
  fs::path dir = fs::temp_directory_path() / ("tracuu-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  // The same documents as a jsonl file, read by tracuu's own pipeline.
  std::size_t text_bytes = 0;
  {
    std::ofstream out(dir / "docs.jsonl");
    for (const auto& a : articles) {
      out << nlohmann::json{{"id", a.id}, {"title", a.title}, {"text", a.text}}.dump() << "\n";
      text_bytes += a.title.size() + a.text.size();
    }
  }
  double mb = static_cast<double>(text_bytes) / 1e6;

  // tracuu: read + extract + tokenize/segment + Xapian, both cores.
  auto t0 = Clock::now();
  {
    tracuu::indexer::IndexOptions opts;
    opts.rebuild = true;
    opts.on_error = [](const std::string& origin, const std::string& reason) {
      std::fprintf(stderr, "index error: %s: %s\n", origin.c_str(), reason.c_str());
    };
    tracuu::indexer::IndexWriter writer((dir / "xapian").string(), opts);
    writer.index_paths({(dir / "docs.jsonl").string()});
  }
  double xapian_s = seconds_since(t0);

  // SQLite FTS5: one transaction, then optimize.
  sqlite3* db = nullptr;
  check(sqlite3_open((dir / "fts.db").string().c_str(), &db), db, "open");
  t0 = Clock::now();
  check(sqlite3_exec(db,
                     "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE VIRTUAL TABLE docs "
                     "USING fts5(title, body, tokenize='unicode61 remove_diacritics 2'); BEGIN;",
                     nullptr, nullptr, nullptr),
        db, "create");
  sqlite3_stmt* ins = nullptr;
  check(sqlite3_prepare_v2(db, "INSERT INTO docs(title, body) VALUES (?, ?)", -1, &ins, nullptr),
        db, "prepare");
  for (const auto& a : articles) {
    sqlite3_bind_text(ins, 1, a.title.c_str(), static_cast<int>(a.title.size()), SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, a.text.c_str(), static_cast<int>(a.text.size()), SQLITE_STATIC);
    check(sqlite3_step(ins), db, "insert");
    sqlite3_reset(ins);
  }
  sqlite3_finalize(ins);
  check(sqlite3_exec(db, "COMMIT; INSERT INTO docs(docs) VALUES('optimize');", nullptr, nullptr,
                     nullptr),
        db, "commit");
  double fts_s = seconds_since(t0);

  // A mixed query set from the documents' own titles (seeded, repeatable).
  std::mt19937 rng(42);
  const auto& tok = tracuu::tokenizer::Tokenizer::shared();
  std::vector<Query> queries;
  static const char* kProvinces[] = {"Hà Nội", "Đà Nẵng", "Nghệ An", "Thanh Hóa", "Quảng Ninh"};
  while (queries.size() < n_queries) {
    const auto& a = articles[rng() % articles.size()];
    std::vector<std::string> words;
    for (const auto& t : tok.tokenize(a.title))
      if (t.type == tracuu::tokenizer::TokenType::kWord && t.norm.size() > 2)
        words.push_back(t.norm);
    if (words.size() < 3) continue;
    std::size_t i = rng() % (words.size() - 1);
    std::string w1 = words[i], w2 = words[i + 1];
    switch (queries.size() % 4) {
      case 0:
        queries.push_back({"word", w1 + " " + w2, fts_quote(w1) + " " + fts_quote(w2), ""});
        break;
      case 1:
        queries.push_back({"phrase", "\"" + w1 + " " + w2 + "\"", fts_quote(w1 + " " + w2), ""});
        break;
      case 2: {
        std::string f1 = tracuu::tokenizer::fold(w1), f2 = tracuu::tokenizer::fold(w2);
        queries.push_back({"accentless", f1 + " " + f2, fts_quote(f1) + " " + fts_quote(f2), ""});
        break;
      }
      default: {
        std::string p = kProvinces[rng() % 5];
        queries.push_back({"filter", w1, fts_quote(w1) + " AND " + fts_quote(p), p});
      }
    }
  }

  // tracuu: top 10 with snippets and facets over the whole match set; on the shards as written,
  // then after `tracuu index --compact`.
  auto run_queries = [&](Latency& lat, std::size_t& total) {
    tracuu::indexer::Searcher searcher((dir / "xapian").string());
    for (int round = 0; round < 2; ++round) {  // first round warms the page cache
      for (const auto& q : queries) {
        tracuu::indexer::SearchRequest r;
        r.query = q.text;
        if (!q.province.empty()) r.provinces = {q.province};
        auto t = Clock::now();
        auto res = searcher.search(r);
        if (round) {
          lat.ms.push_back(seconds_since(t) * 1000);
          total += res.total;
        }
      }
    }
  };
  Latency xq, xcq, fq;
  std::size_t x_total = 0, xc_total = 0, f_total = 0;
  run_queries(xq, x_total);
  double x_size = static_cast<double>(dir_size(dir / "xapian")) / 1e6;
  t0 = Clock::now();
  {
    tracuu::indexer::IndexWriter writer((dir / "xapian").string(), {});
    writer.compact();
  }
  double compact_s = seconds_since(t0);
  double xc_size = static_cast<double>(dir_size(dir / "xapian")) / 1e6;
  run_queries(xcq, xc_total);
  // FTS5: top 10 by rank with a snippet, plus the total count.
  sqlite3_stmt* top = nullptr;
  sqlite3_stmt* cnt = nullptr;
  check(sqlite3_prepare_v2(db,
                           "SELECT rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 20) FROM docs "
                           "WHERE docs MATCH ? ORDER BY rank LIMIT 10",
                           -1, &top, nullptr),
        db, "top");
  check(sqlite3_prepare_v2(db, "SELECT count(*) FROM docs WHERE docs MATCH ?", -1, &cnt, nullptr),
        db, "count");
  for (int round = 0; round < 2; ++round) {
    for (const auto& q : queries) {
      auto t = Clock::now();
      for (sqlite3_stmt* s : {top, cnt}) {
        sqlite3_bind_text(s, 1, q.fts.c_str(), -1, SQLITE_STATIC);
        while (sqlite3_step(s) == SQLITE_ROW)
          if (s == cnt && round) f_total += static_cast<std::size_t>(sqlite3_column_int64(s, 0));
        sqlite3_reset(s);
      }
      if (round) fq.ms.push_back(seconds_since(t) * 1000);
    }
  }
  sqlite3_finalize(top);
  sqlite3_finalize(cnt);
  sqlite3_close(db);

  double f_size = static_cast<double>(dir_size(dir / "fts.db")) / 1e6;
  std::printf(
      "documents: %zu, text: %.1f MB, queries: %zu (word, phrase, accentless, province filter)\n\n",
      articles.size(), mb, queries.size());
  std::printf("| measure | tracuu (Xapian) | SQLite FTS5 | ratio |\n|---|---|---|---|\n");
  std::printf("| indexing time (%u shards, both cores) | %.1f s | %.1f s | %.2fx |\n",
              std::max(1u, std::thread::hardware_concurrency()), xapian_s, fts_s, fts_s / xapian_s);
  std::printf("| indexing docs/s | %.0f | %.0f | |\n",
              static_cast<double>(articles.size()) / xapian_s,
              static_cast<double>(articles.size()) / fts_s);
  std::printf("| indexing MB/s | %.1f | %.1f | |\n", mb / xapian_s, mb / fts_s);
  std::printf("| index size / text size | %.2f | %.2f | |\n", x_size / mb, f_size / mb);
  std::printf("| query p50 | %.2f ms | %.2f ms | %.2fx |\n", xq.pct(0.5), fq.pct(0.5),
              fq.pct(0.5) / xq.pct(0.5));
  std::printf("| query p99 | %.2f ms | %.2f ms | %.2fx |\n", xq.pct(0.99), fq.pct(0.99),
              fq.pct(0.99) / xq.pct(0.99));
  std::printf("| `--compact` afterwards (optional) | %.1f s | | |\n", compact_s);
  std::printf("| compacted: index size / text size | %.2f | | |\n", xc_size / mb);
  std::printf("| compacted: query p50 / p99 | %.2f / %.2f ms | %.2f / %.2f ms | %.2fx / %.2fx |\n",
              xcq.pct(0.5), xcq.pct(0.99), fq.pct(0.5), fq.pct(0.99), fq.pct(0.5) / xcq.pct(0.5),
              fq.pct(0.99) / xcq.pct(0.99));
  std::printf("| total matches over all queries | %zu (compacted %zu) | %zu | |\n", x_total,
              xc_total, f_total);
  std::printf(
      "\ntracuu does extraction, segmentation, folding, facets (4 fields; exact up to 2,000 "
      "matches, scaled above) and snippets;\n"
      "FTS5 does unicode61 tokens without segmentation, a count and a snippet.\n");
  fs::remove_all(dir);
}
