// Faults while writing the index: the write lock, rebuilds beside the live index, and the
// pipeline's stages on their own (build, the window's stop, the error report).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "error_report.h"
#include "index_fixtures.h"
#include "pipeline.h"
#include "tracuu/indexer/errors.h"
#include "tracuu/indexer/index_writer.h"

namespace fs = std::filesystem;
using tracuu::indexer::IndexError;
using tracuu::indexer::IndexErrorKind;
using tracuu::indexer::IndexOptions;
using tracuu::indexer::IndexWriter;
using tracuu::test::document;
using tracuu::test::fresh_dir;

namespace {

std::vector<tracuu::corpus::Document> numbered(const std::string& prefix, int count) {
  std::vector<tracuu::corpus::Document> docs;
  for (int i = 0; i < count; ++i)
    docs.push_back(document(prefix + std::to_string(i), "Thông báo " + std::to_string(i),
                            "Huyện ủy triển khai công tác dân vận, đợt " + std::to_string(i)));
  return docs;
}

void write_jsonl(const fs::path& path, const std::vector<tracuu::corpus::Document>& docs) {
  std::ofstream out(path);
  for (const auto& d : docs)
    out << nlohmann::json{{"id", d.id}, {"title", d.title}, {"text", d.text}}.dump() << "\n";
}

std::size_t doc_count(const fs::path& db) { return Xapian::Database(db.string()).get_doccount(); }

std::set<std::string> uuids(const fs::path& db) {
  std::set<std::string> out;
  std::ifstream stub(db / "XAPIANDB");
  std::string backend, name;
  while (stub >> backend >> name) out.insert(Xapian::Database((db / name).string()).get_uuid());
  return out;
}

}  // namespace

// `--rebuild` used to delete the shards before taking any lock: a running writer lost them.
TEST(WriteLock, ARebuildIsRefusedBeforeItTouchesARunningWritersIndex) {
  auto db = fresh_dir("lock-rebuild");
  IndexOptions two;
  two.shards = 2;
  IndexWriter running(db.string(), two);
  for (const auto& d : numbered("a", 20)) running.upsert(d);
  running.commit();
  IndexOptions rebuild;
  rebuild.rebuild = true;
  try {
    IndexWriter second(db.string(), rebuild);
    FAIL() << "a rebuild must wait for the running writer";
  } catch (const IndexError& e) {
    EXPECT_EQ(e.kind, IndexErrorKind::kLocked) << e.what();
  }
  EXPECT_TRUE(fs::exists(db / "shard0" / "iamglass"));
  EXPECT_TRUE(fs::exists(db / "shard1" / "iamglass"));
  for (const auto& d : numbered("b", 5)) running.upsert(d);
  running.commit();
  EXPECT_EQ(doc_count(db), 25u);
  fs::remove_all(db);
}

// Readers see the old index until the rebuild is complete, then the new one with new shard
// databases (new UUIDs: caches keyed on them see the switch); the old shards are gone.
TEST(IndexWriter, ARebuildBuildsBesideTheLiveIndexAndSwitchesWhole) {
  auto db = fresh_dir("rebuild-beside");
  tracuu::test::write_documents(db, numbered("cu-", 30));
  auto old_uuids = uuids(db);
  auto input = fresh_dir("rebuild-input");
  fs::create_directories(input);
  write_jsonl(input / "new.jsonl", numbered("moi-", 60));
  IndexOptions opts;
  opts.rebuild = true;
  opts.batch_size = 10;
  opts.shards = 2;
  std::vector<std::size_t> seen_during;
  opts.progress = [&](const tracuu::indexer::IndexStats&, std::size_t, std::size_t) {
    seen_during.push_back(doc_count(db));
  };
  {
    IndexWriter w(db.string(), opts);
    w.index_paths({(input / "new.jsonl").string()});
    EXPECT_EQ(doc_count(db), 60u) << "the rebuild is live when index_paths returns";
  }
  ASSERT_GT(seen_during.size(), 3u);
  seen_during.pop_back();  // the last call comes after the switch
  for (std::size_t n : seen_during) EXPECT_EQ(n, 30u) << "a reader saw a half-built index";
  auto new_uuids = uuids(db);
  EXPECT_EQ(new_uuids.size(), 2u);
  for (const auto& u : new_uuids) EXPECT_EQ(old_uuids.count(u), 0u);
  EXPECT_FALSE(fs::exists(db / "shard0"));
  fs::remove_all(db);
  fs::remove_all(input);
}

// A rebuild killed half-way leaves the live index as it was; the next writer clears its debris.
TEST(IndexWriter, AnInterruptedRebuildLeavesTheLiveIndexWhole) {
  auto db = fresh_dir("rebuild-killed");
  tracuu::test::write_documents(db, numbered("cu-", 30));
  auto input = fresh_dir("rebuild-killed-input");
  fs::create_directories(input);
  write_jsonl(input / "new.jsonl", numbered("moi-", 200));
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    IndexOptions opts;
    opts.rebuild = true;
    opts.batch_size = 20;
    opts.progress = [](const tracuu::indexer::IndexStats& s, std::size_t, std::size_t) {
      if (s.added >= 40) _exit(0);  // as abrupt as kill -9: no destructor runs
    };
    IndexWriter w(db.string(), opts);
    w.index_paths({(input / "new.jsonl").string()});
    _exit(3);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(doc_count(db), 30u);
  bool debris = false;
  for (const auto& e : fs::directory_iterator(db))
    debris = debris || e.path().filename().string().starts_with("g1-");
  EXPECT_TRUE(debris) << "the half-built shards are beside the live ones";
  { IndexWriter next(db.string(), {}); }
  for (const auto& e : fs::directory_iterator(db))
    EXPECT_FALSE(e.path().filename().string().starts_with("g1-")) << e.path();
  EXPECT_EQ(doc_count(db), 30u);
  fs::remove_all(db);
  fs::remove_all(input);
}

// Stage 2 alone: a raw document becomes a Xapian document with its id and shard; the raw text
// is dropped once built, so the window holds only what the writers need.
TEST(Pipeline, TheBuildStageTurnsRawDocumentsIntoXapianDocuments) {
  tracuu::indexer::pipeline::Slot a, b;
  for (auto* slot : {&a, &b}) {
    slot->raw.format = tracuu::corpus::RawDocument::Format::kJson;
    slot->raw.content = "Công tác dân vận ở xã.";
    slot->raw.fields = {{"id", "x-1"}, {"title", "Tin"}, {"text", "Công tác dân vận ở xã."}};
  }
  const auto& extractor = tracuu::corpus::Extractor::shared();
  tracuu::indexer::pipeline::build(a, extractor, 4);
  tracuu::indexer::pipeline::build(b, extractor, 4);
  EXPECT_EQ(a.id, "x-1");
  EXPECT_TRUE(a.error.empty()) << a.error;
  EXPECT_LT(a.shard, 4u);
  EXPECT_EQ(a.shard, b.shard) << "one id, one shard";
  EXPECT_GT(a.xdoc.termlist_count(), 3u);
  EXPECT_FALSE(a.spellings.empty());
  EXPECT_TRUE(a.raw.content.empty());
}

// The window alone: stop() releases a reader waiting for room and a writer waiting for input,
// the way a failing shard stops the others.
TEST(Pipeline, StoppingTheWindowReleasesEveryWaitingStage) {
  tracuu::indexer::pipeline::Window window(1, 1, tracuu::indexer::pipeline::kWindowBytes);
  ASSERT_TRUE(window.push({}));
  std::atomic<int> released = 0;
  std::thread reader([&] { released += window.push({}) ? 0 : 1; });             // no room: waits
  std::thread writer([&] { released += window.ready(0) == nullptr ? 1 : 0; });  // not built
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(released.load(), 0);
  window.stop();
  reader.join();
  writer.join();
  EXPECT_EQ(released.load(), 2);
  EXPECT_EQ(window.take(), nullptr);
}

namespace {

tracuu::corpus::RawDocument raw_of(std::size_t bytes) {
  tracuu::corpus::RawDocument raw;
  raw.content.assign(bytes, 'x');
  return raw;
}

// The one writer of `window` goes past its next slot.
void pass_next(tracuu::indexer::pipeline::Window& window, std::size_t i) {
  auto* slot = window.take();
  ASSERT_NE(slot, nullptr);
  window.built(*slot);
  ASSERT_EQ(window.ready(i), slot);
  window.pass(0, i);
}

}  // namespace

// Many large documents in flight took memory in proportion to all of them (the window counted
// documents only: up to 2 x batch x shards of them). Its text is now held to a byte budget.
TEST(Pipeline, TheWindowHoldsNoMoreTextThanItsBudget) {
  tracuu::indexer::pipeline::Window window(1, 100, 100);
  ASSERT_TRUE(window.push(raw_of(60)));
  EXPECT_EQ(window.bytes_held(), 60u);
  std::atomic<bool> pushed = false;
  std::thread reader([&] { pushed = window.push(raw_of(60)); });  // 120 > 100: waits
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load());
  EXPECT_EQ(window.bytes_held(), 60u);
  pass_next(window, 0);  // the first document leaves the window
  reader.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(window.bytes_held(), 60u);
}

// A document over the budget is not refused: it waits for an empty window and goes alone.
TEST(Pipeline, ADocumentLargerThanTheBudgetGoesThroughTheWindowAlone) {
  tracuu::indexer::pipeline::Window window(1, 100, 100);
  ASSERT_TRUE(window.push(raw_of(10)));
  std::atomic<bool> pushed = false;
  std::thread reader([&] { pushed = window.push(raw_of(500)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(pushed.load()) << "waits for the window to empty";
  pass_next(window, 0);
  reader.join();
  EXPECT_TRUE(pushed.load());
  EXPECT_EQ(window.bytes_held(), 500u);
  pass_next(window, 1);
  EXPECT_EQ(window.bytes_held(), 0u);
}

// Reading the next document costs memory outside the window: after a large document the reader
// waits until one of that size would fit before it reads on.
TEST(Pipeline, TheReaderReadsOnOnlyWhenADocumentOfTheLastSizeWouldFit) {
  tracuu::indexer::pipeline::Window window(1, 100, 100);
  ASSERT_TRUE(window.push(raw_of(30)));
  window.wait_for_room(30);  // 60 <= 100: at once
  ASSERT_TRUE(window.push(raw_of(60)));
  std::atomic<bool> waited = false;
  std::thread reader([&] {
    window.wait_for_room(60);  // 90 + 60 > 100
    waited = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(waited.load());
  pass_next(window, 0);  // 60 + 60 > 100 still
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(waited.load());
  pass_next(window, 1);  // empty
  reader.join();
  EXPECT_TRUE(waited.load());
}

TEST(ErrorReport, PrintsTheFirstErrorsOfEachFileAndCountsTheRest) {
  IndexOptions opts;
  opts.errors_per_file = 3;
  std::vector<std::string> printed;
  std::map<std::string, std::size_t> more;
  opts.on_error = [&](const std::string& origin, const std::string&) { printed.push_back(origin); };
  opts.on_more_errors = [&](const std::string& file, std::size_t n) { more[file] = n; };
  tracuu::indexer::ErrorReport report(opts);
  for (int i = 1; i <= 1000; ++i) report.report("rac.jsonl.gz:" + std::to_string(i), "bad", true);
  report.report("c:/tin.txt", "converted", false);
  report.report("khac.jsonl:7", "bad", true);
  report.summarize();
  EXPECT_EQ(printed, (std::vector<std::string>{"rac.jsonl.gz:1", "rac.jsonl.gz:2", "rac.jsonl.gz:3",
                                               "c:/tin.txt", "khac.jsonl:7"}));
  EXPECT_EQ(more, (std::map<std::string, std::size_t>{{"rac.jsonl.gz", 997}}));
  EXPECT_EQ(report.documents_lost(), 1001u);
  EXPECT_EQ(tracuu::indexer::ErrorReport::file_of("a:b/c.jsonl:12"), "a:b/c.jsonl");
}
