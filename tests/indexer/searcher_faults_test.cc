// Faults of the index as a Searcher's caller sees them: only IndexError (or QueryError) ever
// leaves it, and reads that a writer's commits overtake are retried on the newer revision.
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>

#include "index_fixtures.h"

namespace fs = std::filesystem;
using tracuu::indexer::IndexError;
using tracuu::indexer::IndexErrorKind;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::test::fresh_dir;

namespace {

std::vector<tracuu::corpus::Document> plans(int from, int count) {
  std::vector<tracuu::corpus::Document> docs;
  for (int i = from; i < from + count; ++i) {
    auto d = tracuu::test::document("kh-" + std::to_string(i),
                                    "Kế hoạch dân vận số " + std::to_string(i),
                                    "Tăng cường công tác dân vận chính quyền "
                                    "theo Kết luận 114-KL/TW, năm " +
                                        std::to_string(2000 + i % 20));
    tracuu::corpus::Citation c;
    c.number = "114-KL/TW";
    d.citations = {c};
    d.provinces = {i % 2 ? "Sơn La" : "Lào Cai"};
    d.primary_province = d.provinces.front();
    docs.push_back(d);
  }
  return docs;
}

// Every read a Searcher offers, once.
void read_everything(Searcher& s) {
  SearchRequest r;
  r.query = "dân vận";
  s.search(r);
  s.document("kh-1");
  s.related("kh-1", 5);
  s.cited_document("114/KL-TW");
  s.suggest("dan", 5);
  s.all_facets(10);
  s.document_count();
  s.revision();
}

}  // namespace

TEST(SearcherFaults, ATruncatedShardIsAnIndexErrorOfKindCorrupt) {
  auto db = fresh_dir("truncated");
  tracuu::test::write_documents(db, plans(0, 300));
  std::size_t truncated = 0;
  for (const auto& f : fs::recursive_directory_iterator(db))
    if (f.path().filename() == "postlist.glass") {
      fs::resize_file(f.path(), fs::file_size(f.path()) / 2);
      ++truncated;
    }
  ASSERT_GT(truncated, 0u);
  try {
    Searcher s(db.string());
    read_everything(s);
    ADD_FAILURE() << "a damaged index read without an error";
  } catch (const IndexError& e) {
    EXPECT_EQ(e.kind, IndexErrorKind::kCorrupt) << e.what() << " / " << e.detail;
    EXPECT_NE(std::string(e.what()).find(db.string()), std::string::npos) << e.what();
  } catch (const Xapian::Error& e) {
    ADD_FAILURE() << "Xapian's own error left the library: " << e.get_description();
  }
  // `tracuu search` says so in words and fails, rather than aborting.
  std::string command = std::string(TRACUU_CLI_PATH) + " search --db " + db.string() +
                        " 'dân vận' 2>&1; echo \"exit=$?\"";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::string out;
  char buf[4096];
  while (pipe && std::fgets(buf, sizeof buf, pipe.get())) out += buf;
  EXPECT_EQ(out.find("terminate called"), std::string::npos) << out;
  EXPECT_EQ(out.find("exit=0"), std::string::npos) << out;
  EXPECT_NE(out.find(db.string()), std::string::npos) << "names the index: " << out;
  fs::remove_all(db);
}

TEST(SearcherFaults, AMissingIndexIsAnIndexErrorOfKindNotFound) {
  auto db = fresh_dir("missing");
  try {
    Searcher s(db.string());
    ADD_FAILURE() << "opened an index that does not exist";
  } catch (const IndexError& e) {
    EXPECT_EQ(e.kind, IndexErrorKind::kNotFound) << e.what();
  }
}

// A writer commits small batches while a reader that never reopens by itself calls every read:
// each read the commits overtake is run again on the newer revision, never an error.
TEST(SearcherFaults, EveryReadSurvivesAWriterCommittingUnderIt) {
  auto db = fresh_dir("overtaken");
  tracuu::test::write_documents(db, plans(0, 20));
  std::atomic<bool> done{false};
  std::atomic<std::size_t> rounds{0};
  std::string failure;
  std::thread reader([&] {
    try {
      Searcher s(db.string());
      while (!done) {
        read_everything(s);
        ++rounds;
      }
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (const Xapian::Error& e) {
      failure = e.get_description();
    }
  });
  {
    tracuu::indexer::IndexOptions opts;
    tracuu::indexer::IndexWriter w(db.string(), opts);
    for (int batch = 0; batch < 150 && failure.empty(); ++batch) {
      for (const auto& d : plans(20 + batch * 3, 3)) w.upsert(d);
      // Rewrite the documents the reader reads too, so their blocks change under it.
      for (const auto& d : plans(0, 3)) w.upsert(d);
      w.commit();
    }
  }
  done = true;
  reader.join();
  EXPECT_EQ(failure, "");
  EXPECT_GT(rounds.load(), 0u);
  fs::remove_all(db);
}
