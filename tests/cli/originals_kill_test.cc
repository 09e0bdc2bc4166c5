// `tracuu index` killed with kill -9 while originals are being stored: no committed record names
// a missing or partial file (files are durable before their batch commits); the files of
// uncommitted batches are orphans, which the next full run collects.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../fixtures/originals.h"
#include "cli_fixtures.h"

namespace fs = std::filesystem;
using tracuu::test::files_in_store;

namespace {

// `count` distinct texts in windows-1252 (not UTF-8), so each file's original is kept.
void write_legacy_texts(const fs::path& dir, int count) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    std::ofstream out(dir / ("bao-cao-" + std::to_string(i) + ".txt"), std::ios::binary);
    out << "B\xe1o c\xe1o s\xf4\x20" << i << "\n\n";
    for (int line = 0; line < 12; ++line)
      out << "\xd0o\xe0n c\xf4ng t\xe1"
             "c d\xe2n v\xe2n x\xe3 so "
          << i << " muc " << line << ": ke hoach trien khai nam " << 2000 + i % 25 << ".\n";
  }
}

pid_t start_index(const fs::path& db, const fs::path& in, const fs::path& err) {
  pid_t child = fork();
  if (child == 0) {
    FILE* f = std::freopen(err.c_str(), "w", stderr);
    (void)f;
    execl(TRACUU_CLI_PATH, TRACUU_CLI_PATH, "index", "--db", db.c_str(), "--batch", "40",
          "--shards", "2", in.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return child;
}

bool wait_for_store(const fs::path& db, std::size_t files) {
  for (int i = 0; i < 3000; ++i) {
    if (files_in_store(db) >= files) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

// Every record naming a stored original finds it whole; returns how many name one.
std::size_t check_no_record_lacks_its_file(const fs::path& db) {
  std::size_t named = 0;
  for (const auto& [name, record] : tracuu::test::records_by_original(db)) {
    const auto& original = record["original"];
    if (!record.contains("original") || original["sha256"].is_null()) continue;
    ++named;
    auto path = tracuu::indexer::OriginalsStore::path_of(db, original["sha256"].get<std::string>());
    EXPECT_TRUE(path && fs::exists(*path)) << name << " names a missing original";
    if (path && fs::exists(*path)) {
      EXPECT_EQ(fs::file_size(*path), original["bytes"]) << name << " names a partial original";
    }
  }
  return named;
}

}  // namespace

TEST(OriginalsKill, KillDashNineLeavesNoRecordWithoutItsOriginal) {
  auto scratch = tracuu::test::scratch_dir("originals-kill9");
  constexpr int kFiles = 3000;
  write_legacy_texts(scratch / "in", kFiles);
  auto db = scratch / "db";
  for (std::size_t stored_before_kill : {200u, 1200u}) {
    pid_t child = start_index(db, scratch / "in", scratch / "child.err");
    ASSERT_GT(child, 0);
    bool reached = wait_for_store(db, stored_before_kill);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(reached) << tracuu::test::slurp(scratch / "child.err");
    ASSERT_TRUE(WIFSIGNALED(status)) << "killed mid-run, not finished";
    std::size_t named = check_no_record_lacks_its_file(db);
    EXPECT_LT(named, static_cast<std::size_t>(kFiles));
    EXPECT_GE(tracuu::test::stored_originals(db).size(), named) << "orphans allowed";
  }
  auto again = tracuu::test::run_tracuu(
      "index --db " + db.string() + " " + (scratch / "in").string(), scratch);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(check_no_record_lacks_its_file(db), static_cast<std::size_t>(kFiles));
  EXPECT_EQ(files_in_store(db), static_cast<std::size_t>(kFiles))
      << "the killed runs' orphans and temporaries are collected";
  fs::remove_all(scratch);
}
