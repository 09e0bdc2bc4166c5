// `tracuu token add|list|remove`: the token is printed once on one line, only its hash is kept.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cli_fixtures.h"
#include "tracuu/indexer/token_store.h"

namespace fs = std::filesystem;

TEST(TokenCli, AddPrintsTheTokenOnceOnOneLineAndStoresOnlyItsHash) {
  auto scratch = tracuu::test::scratch_dir("token");
  auto db = scratch / "db";
  auto add = tracuu::test::run_tracuu("token add --db " + db.string() + " wiki-noi-bo", scratch);
  ASSERT_EQ(add.exit_code, 0) << add.err;
  ASSERT_FALSE(add.out.empty());
  EXPECT_EQ(add.out.find('\n'), add.out.size() - 1) << "one line";
  const std::string token = add.out.substr(0, add.out.size() - 1);
  EXPECT_GE(token.size(), 40u);
  EXPECT_EQ(add.err.find(token), std::string::npos) << "never on stderr";
  // Nothing in the index directory holds the token itself.
  for (const auto& e : fs::recursive_directory_iterator(db))
    if (e.is_regular_file()) {
      EXPECT_EQ(tracuu::test::slurp(e.path()).find(token), std::string::npos) << e.path();
    }
  struct stat st {};
  ASSERT_EQ(stat((db / tracuu::indexer::TokenStore::kFileName).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "the hashes are readable by the owner only";
  tracuu::indexer::TokenStore store(db);
  auto who = store.verify(token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->name, "wiki-noi-bo");
  EXPECT_EQ(who->right, tracuu::indexer::TokenRight::kWrite);

  auto ro =
      tracuu::test::run_tracuu("token add --db " + db.string() + " doc-gia --read-only", scratch);
  ASSERT_EQ(ro.exit_code, 0) << ro.err;
  EXPECT_NE(ro.out, add.out);
  auto reader = store.verify(ro.out.substr(0, ro.out.size() - 1));
  ASSERT_TRUE(reader);
  EXPECT_EQ(reader->right, tracuu::indexer::TokenRight::kReadOnly);

  auto taken = tracuu::test::run_tracuu("token add --db " + db.string() + " doc-gia", scratch);
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_TRUE(taken.out.empty());

  auto list = tracuu::test::run_tracuu("token list --db " + db.string(), scratch);
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("wiki-noi-bo\twrite\t"), std::string::npos);
  EXPECT_NE(list.out.find("doc-gia\tread-only\t"), std::string::npos);
  EXPECT_EQ(list.out.find(token), std::string::npos);

  auto removed =
      tracuu::test::run_tracuu("token remove --db " + db.string() + " wiki-noi-bo", scratch);
  EXPECT_EQ(removed.exit_code, 0);
  EXPECT_FALSE(store.verify(token));
  EXPECT_TRUE(store.verify(ro.out.substr(0, ro.out.size() - 1)));
  EXPECT_EQ(tracuu::test::run_tracuu("token remove --db " + db.string() + " wiki-noi-bo", scratch)
                .exit_code,
            1);
  fs::remove_all(scratch);
}
