// The write API's change log: numbered, durable lines; a line torn by a crash is skipped and the
// numbering goes on after it.
#include "tracuu/indexer/change_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using tracuu::indexer::ChangeLog;

namespace {

fs::path fresh_dir(const std::string& name) {
  auto dir =
      fs::temp_directory_path() / ("tracuu-changes-" + name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST(ChangeLog, NumbersChangesAndListsThoseAfterARev) {
  auto dir = fresh_dir("numbers");
  ChangeLog log(dir);
  EXPECT_TRUE(log.since(0, 10).empty());
  EXPECT_EQ(log.append("added", "kh-01", "wiki").rev, 1u);
  EXPECT_EQ(log.append("replaced", "kh-01", "wiki").rev, 2u);
  EXPECT_EQ(log.append("deleted", "kh-01", "may-quet").rev, 3u);
  auto after = ChangeLog(dir).since(1, 10);  // another instance reads the same file
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].action, "replaced");
  EXPECT_EQ(after[1].token, "may-quet");
  EXPECT_EQ(ChangeLog(dir).since(0, 2).size(), 2u);
  fs::remove_all(dir);
}

TEST(ChangeLog, ALineTornByACrashIsSkippedAndTheNextAppendStartsClean) {
  auto dir = fresh_dir("torn");
  ChangeLog log(dir);
  log.append("added", "a", "wiki");
  {
    std::ofstream out(dir / ChangeLog::kFileName, std::ios::app);
    out << R"({"rev":2,"time":"2026-12-02T10:00:00.000Z","act)";  // killed mid-write
  }
  auto c = log.append("added", "b", "wiki");
  EXPECT_EQ(c.rev, 2u);
  auto all = log.since(0, 10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].id, "b");
  fs::remove_all(dir);
}
