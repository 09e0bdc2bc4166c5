// The sample archive in 2 shards, searched locally and through 2 real xapian-tcpsrv on loopback
// (a stub of `remote 127.0.0.1:PORT` lines): the same answers either way.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "cli_fixtures.h"
#include "tcpsrv.h"
#include "tracuu/indexer/searcher.h"

namespace fs = std::filesystem;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::indexer::SearchResult;

namespace {

struct Archive {
  fs::path scratch, local, remote;
  std::vector<std::unique_ptr<tracuu::test::TcpServer>> servers;
};

Archive* archive = nullptr;

std::vector<std::string> ids_of(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  return ids;
}

class RemoteShards : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    archive = new Archive;
    archive->scratch = tracuu::test::scratch_dir("remote");
    archive->local = archive->scratch / "local";
    archive->remote = archive->scratch / "remote";
    auto run =
        tracuu::test::run_tracuu("index --no-originals --shards 2 --db " + archive->local.string() +
                                     " " TRACUU_SOURCE_DIR "/data/sample",
                                 archive->scratch);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    fs::create_directories(archive->remote);
    // The front end's lexicon, merged from the index's (remote_writes_test merges hosts').
    run = tracuu::test::run_tracuu(
        "index --db " + archive->remote.string() + " --merge-lexicon " + archive->local.string(),
        archive->scratch);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    std::ofstream stub(archive->remote / "XAPIANDB");
    for (const char* shard : {"shard0", "shard1"}) {
      archive->servers.push_back(
          std::make_unique<tracuu::test::TcpServer>((archive->local / shard).string()));
      ASSERT_TRUE(archive->servers.back()->up()) << "xapian-tcpsrv did not start";
      stub << archive->servers.back()->stub_line();
    }
  }
  static void TearDownTestSuite() {
    if (!archive) return;
    archive->servers.clear();  // stops them
    fs::remove_all(archive->scratch);
    delete archive;
    archive = nullptr;
  }

  void SetUp() override {
    if (!archive || archive->servers.size() != 2) GTEST_SKIP() << "no archive";
    local_ = std::make_unique<Searcher>(archive->local.string());
    remote_ = std::make_unique<Searcher>(archive->remote.string());
  }

  // Both answers to `req`, checked equal in what a user sees: the top 10 in order, totals,
  // facets, "did you mean" and the relaxed pass.
  void expect_same(const SearchRequest& req) {
    SearchResult want = local_->search(req), got = remote_->search(req);
    SCOPED_TRACE("query '" + req.query + "'");
    EXPECT_EQ(ids_of(got), ids_of(want));
    EXPECT_EQ(got.total, want.total);
    EXPECT_EQ(got.facets, want.facets);
    EXPECT_EQ(got.facets_exact, want.facets_exact);
    EXPECT_EQ(got.suggestion, want.suggestion);
    EXPECT_EQ(got.relaxed, want.relaxed);
    EXPECT_EQ(got.showing_for, want.showing_for);
  }

  std::unique_ptr<Searcher> local_, remote_;
};

TEST_F(RemoteShards, FacetsOfTheWholeArchiveEqualTheLocalCounts) {
  SearchRequest browse;
  auto want = local_->search(browse), got = remote_->search(browse);
  ASSERT_GT(want.total, 30u);
  EXPECT_EQ(got.total, want.total);
  EXPECT_EQ(got.facets, want.facets);
  EXPECT_TRUE(got.facets_exact);
  EXPECT_FALSE(got.facets.at("province").empty());
  EXPECT_FALSE(got.facets.at("directive").empty());
  EXPECT_EQ(remote_->all_facets(5), local_->all_facets(5));
}

TEST_F(RemoteShards, FacetsOfFilteredSearchesEqualTheLocalCounts) {
  SearchRequest by_province;
  by_province.provinces = {"Lào Cai"};
  expect_same(by_province);
  SearchRequest words;
  words.query = "công tác dân vận";
  expect_same(words);
  SearchRequest cited;
  cited.cited_numbers = {"114-KL/TW"};
  cited.sort = tracuu::indexer::SortOrder::kDate;
  expect_same(cited);
}

TEST_F(RemoteShards, TheCliSearchesAStubOfRemoteShards) {
  auto run = tracuu::test::run_tracuu(
      "search --json --db " + archive->remote.string() + " 'dân vận'", archive->scratch);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto j = nlohmann::json::parse(run.out);
  EXPECT_GT(j.at("total").get<int>(), 0);
  EXPECT_FALSE(j.at("facets").at("province").empty());
}

// Every kind of query a user types, each checked against the local answer.
TEST_F(RemoteShards, EveryQueryKindAnswersAsTheLocalIndex) {
  const std::vector<std::string> queries = {
      // words, accented and accentless, phrases, fields
      "công tác dân vận", "dân vận chính quyền", "Điện Biên", "dan van chinh quyen",
      "tinh uy dien bien", "cong tac dan van", "\"dân vận\"", "\"dan van kheo\"", "dân vận -lào",
      "tinh:\"Sơn La\" dân vận", "loai:ke-hoach", "nam:2019 dân vận", "UBND", "uy ban nhan dan",
      // document numbers in their variants
      "114-KL/TW", "Kết luận 114", "KL 114", "chi thi 49", "49 CT TW", "so:05-CT/TW",
      // typos: did-you-mean and the relaxed pass
      "dan vaan", "vieetj nam", "chinh quyeen", "dân vậm", "chính quyềm",
      "dân vận xqzjv chính quyền", "cong tac dan vamn", "xqzjv wpfk"};
  for (const auto& q : queries) {
    SearchRequest req;
    req.query = q;
    expect_same(req);
  }
  SearchRequest browse;  // an empty query with filters, newest first
  browse.types = {"ke-hoach"};
  browse.from = "2016-01-01";
  expect_same(browse);
  SearchRequest exact;
  exact.query = "cong tac dan vamn";
  exact.exact = true;
  expect_same(exact);
}

TEST_F(RemoteShards, SuggestionsAndDocumentPagesAnswerAsTheLocalIndex) {
  for (const char* prefix : {"dân v", "dan van", "114", "Điện", "ke hoach"})
    EXPECT_EQ(remote_->suggest(prefix, 8), local_->suggest(prefix, 8)) << prefix;
  SearchRequest any;
  any.limit = 3;
  for (const auto& hit : local_->search(any).hits) {
    auto want = local_->related(hit.id, 5), got = remote_->related(hit.id, 5);
    std::vector<std::string> want_ids, got_ids;
    for (const auto& h : want) want_ids.push_back(h.id);
    for (const auto& h : got) got_ids.push_back(h.id);
    EXPECT_EQ(got_ids, want_ids) << hit.id;
    EXPECT_TRUE(remote_->document(hit.id).has_value());
  }
  auto want = local_->cited_document("114-KL/TW"), got = remote_->cited_document("114-KL/TW");
  ASSERT_TRUE(want && got);
  EXPECT_EQ(got->citing_count, want->citing_count);
}

// Without the lexicon an accentless query finds (almost) nothing over remote shards: the test
// above would catch its loss.
TEST_F(RemoteShards, AccentlessSearchNeedsTheLexicon) {
  SearchRequest req;
  req.query = "dan van chinh quyen";
  req.exact = true;
  ASSERT_GT(remote_->search(req).total, 0u);
  fs::path bare = archive->scratch / "bare";
  fs::create_directories(bare);
  fs::copy_file(archive->remote / "XAPIANDB", bare / "XAPIANDB");
  Searcher without(bare.string());
  EXPECT_LT(without.search(req).total, remote_->search(req).total);
}

// A shard that goes away fails the search with kUnavailable (the server's 503), and the same
// handle answers again, as before, once the shard is back: no restart of the front end.
TEST_F(RemoteShards, ASearcherReconnectsWhenAShardComesBack) {
  SearchRequest req;
  req.query = "dan van chinh quyen";
  const auto want = ids_of(local_->search(req));
  ASSERT_EQ(ids_of(remote_->search(req)), want);
  archive->servers[1]->stop();
  try {
    remote_->search(req);
    ADD_FAILURE() << "a search without one of its shards answered";
  } catch (const tracuu::indexer::IndexError& e) {
    EXPECT_EQ(e.kind, tracuu::indexer::IndexErrorKind::kUnavailable) << e.what();
  }
  archive->servers[1]->start();
  ASSERT_TRUE(archive->servers[1]->up());
  ASSERT_EQ(archive->servers[1]->stub_line(), tracuu::test::slurp(archive->remote / "XAPIANDB")
                                                  .substr(archive->servers[0]->stub_line().size()))
      << "restarted on its port";
  EXPECT_EQ(ids_of(remote_->search(req)), want);
  EXPECT_NO_THROW(remote_->reopen());
  EXPECT_EQ(remote_->search(req).total, local_->search(req).total);
}

}  // namespace
