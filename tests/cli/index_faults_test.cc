// `tracuu index` under faults, run as a user runs it: a disk that fills up, kill -9, a rebuild
// racing a writer, a flood of bad lines, a read-only filesystem. Each ends in a message and an
// index that opens with every committed batch in it.
#include <gtest/gtest.h>
#include <signal.h>
#include <xapian.h>

#include <chrono>
#include <memory>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "cli_fixtures.h"

namespace fs = std::filesystem;
using tracuu::test::CliRun;
using tracuu::test::run_tracuu;
using tracuu::test::scratch_dir;
using tracuu::test::Tmpfs;
using tracuu::test::write_jsonl;

namespace {

// The ids of the index at `db` ("Q" terms), one entry per document that holds one.
std::multiset<std::string> ids_in(const fs::path& db) {
  Xapian::Database x(db.string());
  std::multiset<std::string> ids;
  for (auto t = x.allterms_begin("Q"); t != x.allterms_end("Q"); ++t)
    for (Xapian::doccount i = 0; i < t.get_termfreq(); ++i) ids.insert((*t).substr(1));
  return ids;
}

std::uintmax_t bytes_under(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}

// "12,300 văn bản đã được ghi" -> 12300; -1 when the message is missing.
long committed_in(const std::string& err) {
  std::smatch m;
  if (!std::regex_search(err, m, std::regex(R"(([0-9,]+) văn bản đã được ghi)"))) return -1;
  return std::stol(std::regex_replace(m[1].str(), std::regex(","), ""));
}

void fill(const fs::path& file, std::uintmax_t bytes) {
  std::ofstream out(file, std::ios::binary);
  std::string block(1 << 16, '\0');
  for (; bytes >= block.size(); bytes -= block.size()) out.write(block.data(), block.size());
  out.write(block.data(), static_cast<std::streamsize>(bytes));
}

}  // namespace

// The issue's reproduction ended in `terminate called ... Xapian::DatabaseError` (exit 134).
// Five times, the disk fills at a random point of the run: exit 1 with a message, the index
// opens holding exactly the documents the message says were committed (whole batches, in input
// order), and after space is freed a re-run of the same command completes, no id twice.
TEST(IndexFaults, AFullDiskAtARandomPointLosesNoCommittedBatchAndAReRunFinishes) {
  auto scratch = scratch_dir("diskfull");
  auto disk = std::make_unique<Tmpfs>(scratch / "mnt", "48m");
  if (!disk->mounted()) GTEST_SKIP() << "cannot mount a tmpfs here: " << disk->why_not();
  constexpr int kDocs = 4000;
  write_jsonl(scratch / "input.jsonl", 0, kDocs);
  const std::string common = " --batch 100 --threads 2 " + (scratch / "input.jsonl").string();
  // How much room the whole index takes, measured on the same filesystem.
  auto reference = scratch / "mnt" / "reference";
  ASSERT_EQ(
      run_tracuu("index --db " + reference.string() + " --shards 1" + common, scratch).exit_code,
      0);
  const std::uintmax_t whole = bytes_under(reference);
  fs::remove_all(reference);
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  for (int trial = 0; trial < 5; ++trial) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", trial " + std::to_string(trial));
    const int shards = 1 + trial % 2;
    auto db = scratch / "mnt" / "db";
    // Leave room for between a tenth and three quarters of the index: it fills up on the way.
    std::uniform_int_distribution<std::uintmax_t> room(whole / 10, whole * 3 / 4);
    auto free_now = fs::space(scratch / "mnt").available;
    fill(scratch / "mnt" / "filler", free_now - room(rng));
    const std::string cmd =
        "index --db " + db.string() + " --shards " + std::to_string(shards) + common;
    CliRun full = run_tracuu(cmd, scratch);
    EXPECT_EQ(full.signal, 0) << full.err;
    EXPECT_EQ(full.exit_code, 1) << full.err;
    EXPECT_NE(full.err.find("đĩa đầy"), std::string::npos) << full.err;
    long committed = committed_in(full.err);
    EXPECT_GE(committed, 0) << full.err;
    fs::remove(scratch / "mnt" / "filler");
    auto ids = ids_in(db);  // the index opens
    EXPECT_EQ(static_cast<long>(ids.size()), committed) << "exactly the committed batches";
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
    if (shards == 1) {  // one writer: the committed batches are a prefix of the input
      EXPECT_EQ(ids.size() % 100, 0u);
      for (std::size_t i = 0; i < ids.size(); ++i)
        EXPECT_EQ(ids.count("d" + std::to_string(i)), 1u) << i;
    }
    CliRun again = run_tracuu(cmd, scratch);
    EXPECT_EQ(again.exit_code, 0) << again.err;
    ids = ids_in(db);
    EXPECT_EQ(ids.size(), static_cast<std::size_t>(kDocs));
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size()) << "no id twice";
    fs::remove_all(db);
  }
  disk.reset();
  fs::remove_all(scratch);
}

namespace {

// Starts `tracuu ARGS...` without waiting; stderr goes to `err`.
pid_t start_tracuu(const std::vector<std::string>& args, const fs::path& err) {
  pid_t child = fork();
  if (child == 0) {
    std::vector<char*> argv{const_cast<char*>(TRACUU_CLI_PATH)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    FILE* f = std::freopen(err.c_str(), "w", stderr);
    (void)f;
    execv(TRACUU_CLI_PATH, argv.data());
    _exit(127);
  }
  return child;
}

// Waits until the index at `db` holds at least `docs` documents (false after ~20 s).
bool wait_for_documents(const fs::path& db, std::size_t docs) {
  for (int i = 0; i < 2000; ++i) {
    try {
      if (Xapian::Database(db.string()).get_doccount() >= docs) return true;
    } catch (const Xapian::Error&) {  // not created yet
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace

TEST(IndexFaults, KillDashNineMidRunKeepsEveryCommittedBatch) {
  auto scratch = scratch_dir("kill9");
  constexpr int kDocs = 20000;
  write_jsonl(scratch / "input.jsonl", 0, kDocs);
  auto db = scratch / "db";
  const std::vector<std::string> args{
      "index", "--db",     db.string(), "--batch",
      "50",    "--shards", "2",         (scratch / "input.jsonl").string()};
  pid_t child = start_tracuu(args, scratch / "child.err");
  ASSERT_GT(child, 0);
  ASSERT_TRUE(wait_for_documents(db, 200));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "killed mid-run, not finished";
  auto ids = ids_in(db);  // the index opens
  EXPECT_GE(ids.size(), 200u);
  EXPECT_LT(ids.size(), static_cast<std::size_t>(kDocs));
  EXPECT_EQ(ids.size() % 50, 0u) << "whole batches only";
  std::string rest;
  for (const auto& a : args) rest += " " + a;
  CliRun again = run_tracuu(rest.substr(1), scratch);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  ids = ids_in(db);
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kDocs));
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  fs::remove_all(scratch);
}

// The issue's reproduction: `tracuu index --db D big.jsonl & sleep 3; tracuu index --db D
// --rebuild small.jsonl` deleted the running writer's shards; it aborted and the index was lost.
TEST(IndexFaults, ARebuildRacingAWriterIsRefusedAndTheWriterFinishes) {
  auto scratch = scratch_dir("race");
  constexpr int kBig = 20000;
  write_jsonl(scratch / "big.jsonl", 0, kBig);
  write_jsonl(scratch / "small.jsonl", 100000, 10);
  auto db = scratch / "db";
  pid_t big = start_tracuu(
      {"index", "--db", db.string(), "--batch", "100", (scratch / "big.jsonl").string()},
      scratch / "big.err");
  ASSERT_GT(big, 0);
  ASSERT_TRUE(wait_for_documents(db, 100));
  CliRun rebuild = run_tracuu(
      "index --db " + db.string() + " --rebuild " + (scratch / "small.jsonl").string(), scratch);
  int status = 0;
  waitpid(big, &status, 0);
  EXPECT_EQ(rebuild.exit_code, 1) << rebuild.err;
  EXPECT_NE(rebuild.err.find("locked by another writer"), std::string::npos) << rebuild.err;
  ASSERT_TRUE(WIFEXITED(status)) << tracuu::test::slurp(scratch / "big.err");
  EXPECT_EQ(WEXITSTATUS(status), 0) << tracuu::test::slurp(scratch / "big.err");
  EXPECT_EQ(ids_in(db).size(), static_cast<std::size_t>(kBig));
  // Once the writer is done, the rebuild goes through and replaces the whole index.
  rebuild = run_tracuu(
      "index --db " + db.string() + " --rebuild " + (scratch / "small.jsonl").string(), scratch);
  EXPECT_EQ(rebuild.exit_code, 0) << rebuild.err;
  EXPECT_EQ(ids_in(db).size(), 10u);
  fs::remove_all(scratch);
}

// The issue's reproduction: a .gz of "x" lines wrote one error line per line (473 MB in 30 s).
TEST(IndexFaults, AFloodOfBadLinesIsSummarizedNotPrinted) {
  auto scratch = scratch_dir("flood");
  auto input = scratch / "rac.jsonl.gz";
  std::string cmd = "yes x | head -n 30000 | gzip > " + input.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  CliRun r = run_tracuu("index --db " + (scratch / "db").string() + " " + input.string(), scratch);
  EXPECT_EQ(r.exit_code, 1) << "nothing was indexed";
  std::size_t lines = std::count(r.err.begin(), r.err.end(), '\n');
  EXPECT_LT(lines, 30u) << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("... and 29,980 more bad lines in " + input.string()), std::string::npos)
      << r.err.substr(0, 2000);
  EXPECT_NE(r.err.find("30000 failed"), std::string::npos) << "every bad line is counted";
  fs::remove_all(scratch);
}

// A read-only filesystem used to be reported as "locked by another writer".
TEST(IndexFaults, AReadOnlyFilesystemIsSaidToBeReadOnly) {
  auto scratch = scratch_dir("readonly");
  auto disk = std::make_unique<Tmpfs>(scratch / "mnt", "16m");
  if (!disk->mounted()) GTEST_SKIP() << "cannot mount a tmpfs here: " << disk->why_not();
  write_jsonl(scratch / "input.jsonl", 0, 20);
  auto db = scratch / "mnt" / "db";
  ASSERT_EQ(
      run_tracuu("index --db " + db.string() + " " + (scratch / "input.jsonl").string(), scratch)
          .exit_code,
      0);
  ASSERT_TRUE(disk->remount(true));
  for (const auto& target : {db, scratch / "mnt" / "new-db"}) {
    CliRun r = run_tracuu(
        "index --db " + target.string() + " " + (scratch / "input.jsonl").string(), scratch);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("chỉ đọc"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Read-only file system"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("locked"), std::string::npos) << r.err;
  }
  EXPECT_EQ(ids_in(db).size(), 20u) << "still searchable";
  disk.reset();
  fs::remove_all(scratch);
}
