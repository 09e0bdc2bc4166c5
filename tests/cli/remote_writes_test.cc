// Writing an archive of remote shards: each host indexes its own shard (`--shard K/N`), and a
// stub naming remote shards is never rebuilt, compacted or deleted into from the front end.
#include <gtest/gtest.h>
#include <xapian.h>

#include <fstream>
#include <set>

#include "cli_fixtures.h"

namespace fs = std::filesystem;
using tracuu::test::run_tracuu;

namespace {

// A lexicon's tables as text: "word count" per spelling, "key > form" per synonym.
std::vector<std::string> tables_of(const fs::path& db) {
  Xapian::Database d(db.string());
  std::vector<std::string> out;
  for (auto w = d.spellings_begin(); w != d.spellings_end(); ++w)
    out.push_back(*w + " " + std::to_string(w.get_termfreq()));
  for (auto k = d.synonym_keys_begin(); k != d.synonym_keys_end(); ++k)
    for (auto s = d.synonyms_begin(*k); s != d.synonyms_end(*k); ++s)
      out.push_back(*k + " > " + *s);
  return out;
}

// The ids a database holds (its Q terms).
std::set<std::string> ids_in(const fs::path& db) {
  Xapian::Database d(db.string());
  std::set<std::string> ids;
  for (auto t = d.allterms_begin("Q"); t != d.allterms_end("Q"); ++t) ids.insert((*t).substr(1));
  return ids;
}

TEST(RemoteWrites, EachHostIndexesOnlyItsOwnShardAndCountsTheRest) {
  auto dir = tracuu::test::scratch_dir("shard-k-of-n");
  const std::string sample = TRACUU_SOURCE_DIR "/data/sample";
  auto local = run_tracuu(
      "index --no-originals --shards 2 --db " + (dir / "local").string() + " " + sample, dir);
  ASSERT_EQ(local.exit_code, 0) << local.err;
  for (int k = 0; k < 2; ++k) {
    fs::path host = dir / ("host" + std::to_string(k));
    auto run = run_tracuu("index --no-originals --shard " + std::to_string(k) + "/2 --db " +
                              host.string() + " " + sample,
                          dir);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto want = ids_in(dir / "local" / ("shard" + std::to_string(k)));
    auto other = ids_in(dir / "local" / ("shard" + std::to_string(1 - k)));
    EXPECT_EQ(ids_in(host), want) << "the same routing as the local shards";
    EXPECT_NE(run.err.find(std::to_string(other.size()) + " documents of other shards skipped"),
              std::string::npos)
        << run.err;
    EXPECT_TRUE(fs::exists(host / "lexicon" / "iamglass")) << "each host has its lexicon";
  }
  // The front end's lexicon, merged from the hosts', holds what the one index's does.
  auto merged = run_tracuu("index --db " + (dir / "front").string() + " --merge-lexicon " +
                               (dir / "host0").string() + " " + (dir / "host1").string(),
                           dir);
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  auto want = tables_of(dir / "local" / "lexicon");
  EXPECT_GT(want.size(), 500u);
  EXPECT_EQ(tables_of(dir / "front" / "lexicon"), want);
  auto bad = run_tracuu("index --shard 2/2 --db " + (dir / "x").string() + " " + sample, dir);
  EXPECT_NE(bad.exit_code, 0);
  auto many = run_tracuu(
      "index --no-originals --shard 0/2 --db " + (dir / "local").string() + " " + sample, dir);
  EXPECT_NE(many.exit_code, 0) << "a directory of 2 local shards is no host's shard";
  fs::remove_all(dir);
}

TEST(RemoteWrites, AStubOfRemoteShardsIsNeverRebuiltCompactedOrWrittenFromTheFrontEnd) {
  auto dir = tracuu::test::scratch_dir("remote-stub");
  const std::string sample = TRACUU_SOURCE_DIR "/data/sample";
  auto local = run_tracuu(
      "index --no-originals --shards 1 --db " + (dir / "local").string() + " " + sample, dir);
  ASSERT_EQ(local.exit_code, 0) << local.err;
  const auto before = ids_in(dir / "local" / "shard0");
  const std::string remote_stub = "remote 127.0.0.1:1\nremote 127.0.0.1:2\n";
  // Mixed: a local shard beside a remote one.
  const std::string mixed_stub =
      "auto " + (dir / "local" / "shard0").string() + "\nremote 127.0.0.1:2\n";
  for (const auto& stub : {remote_stub, mixed_stub}) {
    fs::path front = dir / "front";
    fs::remove_all(front);
    fs::create_directories(front);
    std::ofstream(front / "XAPIANDB") << stub;
    for (const std::string& args : std::vector<std::string>{
             "--rebuild " + sample, "--compact", "--delete d1", sample, "--shard 0/2 " + sample}) {
      auto run = run_tracuu("index --no-originals --db " + front.string() + " " + args, dir);
      EXPECT_NE(run.exit_code, 0) << args;
      EXPECT_NE(run.err.find("names remote shards"), std::string::npos) << args << run.err;
      EXPECT_EQ(tracuu::test::slurp(front / "XAPIANDB"), stub) << "the stub is kept: " << args;
      std::set<std::string> left;
      for (const auto& e : fs::directory_iterator(front)) left.insert(e.path().filename());
      left.erase("tracuu-write.lock");
      EXPECT_EQ(left, std::set<std::string>{"XAPIANDB"}) << "nothing written beside it: " << args;
    }
  }
  EXPECT_EQ(ids_in(dir / "local" / "shard0"), before) << "the local shard untouched";
  fs::remove_all(dir);
}

}  // namespace
