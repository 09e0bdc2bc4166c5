// `tracuu index`: build or update the Xapian index, with a progress bar on a terminal.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <sstream>
#include <tuple>
#include <utility>

#include "commands.h"
#include "index_watch.h"
#include "tracuu/indexer/index_writer.h"

namespace tracuu::cli {
namespace {

// 6999000 -> "6,999,000": counts of millions stay readable.
std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// After a failure (a full disk): what is safe in the index, before main() says what happened.
void say_committed(const indexer::IndexStats& s) {
  std::cerr << "\ntracuu index: " << grouped(s.added + s.updated)
            << " văn bản đã được ghi trước khi lỗi (documents committed); chạy lại đúng lệnh này "
               "để hoàn tất (re-run to finish)\n";
}

// Errors, their summary and (on a terminal) the progress bar, all on stderr.
void report_on_stderr(indexer::IndexOptions& opts, bool tty) {
  // On a terminal an error line first clears the progress bar it is printed over; in a log
  // file it is a plain line.
  opts.on_error = [tty](const std::string& origin, const std::string& reason) {
    std::cerr << (tty ? "\r" : "") << "tracuu index: " << origin << ": " << reason
              << (tty ? "\033[K\n" : "\n");
  };
  opts.on_more_errors = [tty](const std::string& file, std::size_t more) {
    std::cerr << (tty ? "\r" : "") << "tracuu index: ... and " << grouped(more)
              << " more bad lines in " << file << (tty ? "\033[K\n" : "\n");
  };
  if (tty) {
    opts.progress = [](const indexer::IndexStats& s, std::size_t done, std::size_t total) {
      std::size_t docs = s.added + s.updated;
      double rate = s.seconds > 0 ? static_cast<double>(docs) / s.seconds : 0;
      if (total == 0) {  // stdin: no bar without a known size
        std::fprintf(stderr, "\r%zu docs  %.0f docs/s\033[K", docs, rate);
        return;
      }
      double frac = static_cast<double>(done) / static_cast<double>(total);
      double eta = frac > 0 ? s.seconds * (1 - frac) / frac : 0;
      int filled = static_cast<int>(frac * 30);
      std::fprintf(stderr, "\r[%.*s%*s] %3.0f%%  %zu docs  %.0f docs/s  ETA %.0fs\033[K", filled,
                   "==============================", 30 - filled, "", frac * 100, docs, rate, eta);
    };
  }
}

// --watch DIR and the options that only make sense with it.
struct WatchFlags {
  std::string dir;
  bool delete_missing = false;
  unsigned settle_ms = 500;
};

void add_watch_options(CLI::App* cmd, WatchFlags& flags) {
  auto* watch =
      cmd->add_option("--watch", flags.dir,
                      "drop folder: index files as they land in DIR (and its subfolders), again "
                      "when they change; runs until SIGINT/SIGTERM (docs/indexer.md)")
          ->check(CLI::ExistingDirectory);
  watch->excludes(cmd->get_option("PATH"), cmd->get_option("--delete"),
                  cmd->get_option("--rebuild"), cmd->get_option("--compact"));
  cmd->add_flag("--delete-missing", flags.delete_missing,
                "with --watch: a file deleted from the folder takes its documents out of the index")
      ->needs(watch);
  cmd->add_option("--settle", flags.settle_ms,
                  "with --watch: milliseconds without new events before a batch is written")
      ->check(CLI::Range(10, 60000))
      ->needs(watch);
}

// "2/4" -> {2, 4}: shard K of N.
std::optional<std::pair<std::size_t, std::size_t>> parse_part(const std::string& s) {
  std::size_t k = 0, n = 0;
  char slash = 0;
  std::istringstream in(s);
  if (!(in >> k >> slash >> n) || slash != '/' || !in.eof() || n == 0 || n > 64 || k >= n)
    return std::nullopt;
  return std::pair{k, n};
}

// Writing an archive of remote shards (docs/deploy.md): each host its own shard, and the front
// end's lexicon merged from theirs.
void add_cluster_options(CLI::App* cmd, std::string& part, std::vector<std::string>& sources) {
  cmd->add_option("--shard", part,
                  "K/N: on shard K's host of an archive of N remote shards, index only the "
                  "documents of shard K (the others are counted as skipped)")
      ->check([](const std::string& s) {
        return parse_part(s) ? "" : "expected K/N, 0 <= K < N <= 64";
      });
  cmd->add_option("--merge-lexicon", sources,
                  "build DIR/lexicon from these indexes or shards (a front end of remote shards)");
}

void merge_lexicon(const std::string& db, const std::vector<std::string>& sources) {
  auto words = indexer::merge_lexicon(db, sources);
  std::fprintf(stderr, "tracuu index: lexicon of %s merged from %zu sources, %zu words\n",
               db.c_str(), sources.size(), words);
}

}  // namespace

void register_index(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("index", "Index files/directories into a Xapian database (upsert by id)");
  static std::string db;
  static std::vector<std::string> paths, deletes;
  static bool rebuild = false, compact = false, no_originals = false;
  static unsigned threads = 0, shards = 0;
  static std::size_t batch = 500;
  static WatchFlags watch;
  static std::vector<std::string> lexicon_sources;
  static std::string part;
  cmd->add_option("--db", db, "database directory")->required();
  cmd->add_option("PATH", paths, "files, directories, .gz, or - for stdin");
  cmd->add_option("--delete", deletes, "ids to delete");
  cmd->add_flag("--rebuild", rebuild, "start from an empty database");
  cmd->add_flag(
      "--compact", compact,
      "afterwards, merge the shards into one compact database (smaller, faster to search)");
  cmd->add_flag("--no-originals", no_originals,
                "keep no copy of the files read (for archives that must not hold originals); "
                "copies kept by earlier runs go as their documents are re-indexed");
  cmd->add_option("--threads", threads, "worker threads (default: all cores)");
  cmd->add_option("--shards", shards,
                  "shards of a new index, one writer thread each (default: one per core)")
      ->check(CLI::Range(1, 64));
  cmd->add_option(
         "--batch", batch,
         "documents per commit (a shard commits sooner once its batch holds 32 MB of text)")
      ->check(CLI::Range(1, 100000));
  add_watch_options(cmd, watch);
  add_cluster_options(cmd, part, lexicon_sources);
  cmd->callback([&exit_code] {
    if (!lexicon_sources.empty()) return merge_lexicon(db, lexicon_sources);
    indexer::IndexOptions opts;
    opts.rebuild = rebuild;
    opts.keep_originals = !no_originals;
    opts.threads = threads;
    opts.shards = shards;
    opts.batch_size = batch;
    if (auto k_of_n = parse_part(part)) std::tie(opts.part_index, opts.part_count) = *k_of_n;
    if (!watch.dir.empty()) {
      watch_folder(watch.dir, db,
                   {opts, watch.delete_missing, std::chrono::milliseconds(watch.settle_ms), {}});
      return;
    }
    bool tty = isatty(STDERR_FILENO);
    report_on_stderr(opts, tty);
    indexer::IndexWriter writer(db, opts);
    indexer::IndexStats stats;
    try {
      if (!paths.empty()) stats = writer.index_paths(paths);
    } catch (const indexer::IndexError&) {
      say_committed(writer.stats());
      throw;
    }
    for (const auto& id : deletes) {
      if (writer.remove(id))
        ++stats.deleted;
      else
        std::cerr << "tracuu index: no document with id " << id << "\n";
    }
    // A deletion can leave one meaning for a short name ("Chỉ thị 49") that had two.
    if (stats.deleted > 0) writer.resolve_short_names();
    writer.commit();
    if (tty) std::fprintf(stderr, "\n");
    if (compact) {
      auto t0 = std::chrono::steady_clock::now();
      auto bytes = writer.compact();
      std::fprintf(stderr, "tracuu index: compacted into one database of %.1f MB in %.1f s\n",
                   static_cast<double>(bytes) / 1e6,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::fprintf(stderr, "tracuu index: %zu added, %zu updated, %zu deleted, %zu failed, %.1f s\n",
                 stats.added, stats.updated, stats.deleted, stats.failed, stats.seconds);
    if (opts.part_count > 0)
      std::fprintf(stderr, "tracuu index: shard %zu/%zu: %zu documents of other shards skipped\n",
                   opts.part_index, opts.part_count, stats.skipped);
    if (stats.added + stats.updated + stats.deleted == 0 && stats.failed > 0) exit_code = 1;
  });
}

}  // namespace tracuu::cli
