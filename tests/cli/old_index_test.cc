// An index written by an older version (another index schema), met by `tracuu search` and
// `tracuu index`: a message in Vietnamese saying the index must be rebuilt, and a rebuild works.
#include <gtest/gtest.h>
#include <xapian.h>

#include "cli_fixtures.h"

namespace fs = std::filesystem;
using tracuu::test::run_tracuu;
using tracuu::test::scratch_dir;
using tracuu::test::write_jsonl;

namespace {

// Indexes written before the schema version was recorded (docs/schema.md) have no
// "tracuu.schema" metadata in their shards.
void forget_schema_version(const fs::path& db) {
  for (const auto& entry : fs::directory_iterator(db)) {
    if (!fs::exists(entry.path() / "iamglass")) continue;
    Xapian::WritableDatabase shard(entry.path().string(), Xapian::DB_OPEN);
    shard.set_metadata("tracuu.schema", "");
    shard.commit();
  }
}

}  // namespace

TEST(OldIndex, SearchAndUpdateSayTheIndexMustBeRebuilt) {
  auto dir = scratch_dir("old-index");
  auto input = dir / "docs.jsonl";
  write_jsonl(input, 0, 5);
  auto db = (dir / "db").string();
  ASSERT_EQ(run_tracuu("index --db " + db + " " + input.string(), dir).exit_code, 0);
  forget_schema_version(db);

  auto search = run_tracuu("search --db " + db + " \"dân vận\"", dir);
  EXPECT_NE(search.exit_code, 0);
  EXPECT_NE(search.err.find("cần dựng lại chỉ mục"), std::string::npos) << search.err;
  EXPECT_NE(search.err.find("--rebuild"), std::string::npos) << search.err;

  auto update = run_tracuu("index --db " + db + " " + input.string(), dir);
  EXPECT_NE(update.exit_code, 0);
  EXPECT_NE(update.err.find("cần dựng lại chỉ mục"), std::string::npos) << update.err;

  auto rebuild = run_tracuu("index --db " + db + " --rebuild " + input.string(), dir);
  EXPECT_EQ(rebuild.exit_code, 0) << rebuild.err;
  auto again = run_tracuu("search --db " + db + " --json \"dân vận\"", dir);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["total"], 5) << again.out;
  fs::remove_all(dir);
}
