// `tracuu index --watch DIR`, the drop folder: the real binary as a child process on a real
// folder (real inotify), files created, changed, renamed and deleted while it runs, checked by
// searching the index as a user would. Every wait is bounded and polls the index or the log.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "../fixtures/pdf_fixtures.h"
#include "cli_fixtures.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Long enough for a loaded machine (four builds at once); a passing run waits far less.
constexpr auto kPatience = 90s;

bool eventually(const std::function<bool()>& holds, std::chrono::seconds patience = kPatience) {
  auto until = std::chrono::steady_clock::now() + patience;
  while (std::chrono::steady_clock::now() < until) {
    if (holds()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return holds();
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A short report in the archive's style whose `topic` words are found nowhere else.
std::string report(const std::string& topic) {
  return "Báo cáo kết quả " + topic +
         "\n\nỦy ban nhân dân huyện Bát Xát báo cáo tình hình thực hiện mô hình " + topic +
         " trong năm 2024, những khó khăn và kiến nghị với tỉnh.\n";
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// `tracuu index --watch` running as a child, its log (stderr) in a file.
class Watcher {
 public:
  Watcher(const fs::path& dir, const fs::path& db, const fs::path& log,
          std::vector<std::string> extra = {})
      : log_(log) {
    std::vector<std::string> args{TRACUU_CLI_PATH, "index",    "--watch", dir.string(), "--db",
                                  db.string(),     "--settle", "200",     "--shards",   "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    pid_ = fork();
    if (pid_ == 0) {
      FILE* f = std::freopen(log.c_str(), "w", stderr);
      (void)f;
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~Watcher() {
    if (pid_ > 0) stop(SIGKILL);
  }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  std::string log() const { return tracuu::test::slurp(log_); }
  // Whether the log says `what` (at least `times` times) within the patience.
  bool says(const std::string& what, std::size_t times = 1) const {
    return eventually([&] { return count_of(log(), what) >= times; });
  }
  // The exit code after `signal` (the negated signal when it ended the process).
  int stop(int signal = SIGTERM) {
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

 private:
  fs::path log_;
  pid_t pid_ = -1;
};

class WatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    scratch_ = tracuu::test::scratch_dir(std::string("watch-") + info->name());
    dir_ = scratch_ / "drop";
    db_ = scratch_ / "db";
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(scratch_); }

  // Ids of the documents holding every word of `query` (strict search, as "tìm chính xác").
  // None while the index is still being made.
  std::vector<std::string> found(const std::string& query) const try {
    tracuu::indexer::Searcher searcher(db_.string());
    tracuu::indexer::SearchRequest request;
    request.query = query;
    request.exact = true;
    request.facets = false;
    request.limit = 50;
    std::vector<std::string> ids;
    for (const auto& hit : searcher.search(request).hits) ids.push_back(hit.id);
    return ids;
  } catch (const tracuu::indexer::IndexError&) {
    return {};
  }
  std::size_t documents() const try {
    return tracuu::indexer::Searcher(db_.string()).document_count();
  } catch (const tracuu::indexer::IndexError&) {
    return 0;
  }
  bool found_n(const std::string& query, std::size_t n) const {
    return eventually([&] { return found(query).size() == n; });
  }

  fs::path scratch_, dir_, db_;
};

}  // namespace

// The whole life of files in the folder while the watcher runs with --delete-missing.
TEST_F(WatchTest, IndexesFilesAsTheyLandChangeMoveAndGo) {
  Watcher watcher(dir_, db_, scratch_ / "watch.log", {"--delete-missing"});
  ASSERT_TRUE(watcher.says("start: 0 files unchanged")) << watcher.log();

  write_text(dir_ / "nam.txt", report("trồng nấm linh chi"));
  ASSERT_TRUE(found_n("nấm linh chi", 1)) << watcher.log();
  EXPECT_TRUE(watcher.says("added nam.txt -> "));

  // A PDF and a Word file copied into a folder made after the watcher started.
  const fs::path pdf = tracuu::test::pdf_fixtures() / "ke-hoach-01.pdf";
  const fs::path docx = fs::path(TRACUU_SOURCE_DIR) / "tests/fixtures/formats/ke-hoach-01.docx";
  fs::create_directories(dir_ / "ke-hoach");
  fs::copy_file(pdf, dir_ / "ke-hoach" / "Kế hoạch 01.pdf");
  fs::copy_file(docx, dir_ / "ke-hoach" / "ke-hoach-01.docx");
  ASSERT_TRUE(watcher.says("added ke-hoach/Kế hoạch 01.pdf -> ")) << watcher.log();
  ASSERT_TRUE(watcher.says("ke-hoach/ke-hoach-01.docx -> ")) << watcher.log();
  EXPECT_TRUE(found_n("Si Ma Cai", 2)) << "both the PDF and the Word file are searchable";

  // Changed: the new text is found, the old one no more (the old version's document went).
  write_text(dir_ / "nam.txt", report("nuôi cá hồi"));
  ASSERT_TRUE(found_n("cá hồi", 1)) << watcher.log();
  EXPECT_TRUE(found_n("nấm linh chi", 0)) << watcher.log();
  EXPECT_TRUE(watcher.says("replaced nam.txt -> "));
  const std::string id = found("cá hồi").at(0);

  // Renamed: one document, the same id, no stale duplicate.
  const std::size_t before_move = documents();
  fs::rename(dir_ / "nam.txt", dir_ / "ke-hoach" / "ca-hoi.txt");
  ASSERT_TRUE(
      watcher.says("moved nam.txt -> ke-hoach/ca-hoi.txt (" + id + " kept, not read again)"))
      << watcher.log();
  EXPECT_EQ(found("cá hồi"), std::vector<std::string>{id});
  EXPECT_EQ(documents(), before_move);
  EXPECT_TRUE(eventually([&] {
    auto doc = tracuu::indexer::Searcher(db_.string()).document(id);
    return doc && doc->origin == (dir_ / "ke-hoach" / "ca-hoi.txt").string();
  })) << "the document knows its new path";
  // A moved PDF keeps its document too (not read again), its original named as the file now is.
  const auto plans = found("Si Ma Cai");
  fs::rename(dir_ / "ke-hoach" / "Kế hoạch 01.pdf", dir_ / "KH-01-2016.pdf");
  ASSERT_TRUE(watcher.says("moved ke-hoach/Kế hoạch 01.pdf -> KH-01-2016.pdf (")) << watcher.log();
  EXPECT_EQ(found("Si Ma Cai"), plans);
  EXPECT_TRUE(eventually([&] {
    tracuu::indexer::Searcher searcher(db_.string());
    for (const auto& plan : plans)
      if (auto doc = searcher.document(plan);
          doc && doc->original && doc->original->content_type == "application/pdf")
        return doc->original->name == "KH-01-2016.pdf";
    return false;
  })) << watcher.log();

  // Deleted: gone from the index.
  fs::remove(dir_ / "ke-hoach" / "ca-hoi.txt");
  ASSERT_TRUE(found_n("cá hồi", 0)) << watcher.log();
  EXPECT_TRUE(watcher.says("deleted ke-hoach/ca-hoi.txt -> " + id));

  // A broken file is logged and remembered; editors' temporaries are not looked at; the
  // watcher goes on with the next file.
  fs::copy_file(fs::path(TRACUU_SOURCE_DIR) / "tests/fixtures/formats/bad-corrupt.docx",
                dir_ / "hong.docx");
  write_text(dir_ / ".~lock.bao-cao.odt#", report("khóa tạm thời"));
  write_text(dir_ / "~$bao-cao.docx", report("chủ sở hữu tạm"));
  write_text(dir_ / "tai-ve.part", report("tải dở dang"));
  ASSERT_TRUE(watcher.says("failed hong.docx: ")) << watcher.log();
  write_text(dir_ / "che.txt", report("chè shan tuyết"));
  ASSERT_TRUE(found_n("chè shan tuyết", 1)) << watcher.log();
  EXPECT_TRUE(found("khóa tạm thời").empty());
  EXPECT_TRUE(found("chủ sở hữu tạm").empty());
  EXPECT_TRUE(found("tải dở dang").empty());
  EXPECT_EQ(count_of(watcher.log(), "lock.bao-cao"), 0u) << watcher.log();
  EXPECT_EQ(count_of(watcher.log(), "failed hong.docx"), 1u) << "not retried in a loop";

  EXPECT_EQ(watcher.stop(SIGTERM), 0) << watcher.log();
  EXPECT_EQ(count_of(watcher.log(), "stopped"), 1u) << watcher.log();
}

// Folders: one moved in whole, one made and filled at once, one deleted whole; the index kept
// inside the watched folder is never taken for documents.
TEST_F(WatchTest, FollowsFoldersMovedInMadeAndDeleted) {
  db_ = dir_ / "chi-muc";
  Watcher watcher(dir_, db_, scratch_ / "watch.log", {"--delete-missing"});
  ASSERT_TRUE(watcher.says("start: ")) << watcher.log();
  write_text(scratch_ / "ngoai" / "mot.txt", report("mắc ca Tây Nguyên"));
  write_text(scratch_ / "ngoai" / "con" / "hai.txt", report("sâm Ngọc Linh"));
  fs::rename(scratch_ / "ngoai", dir_ / "nhan");
  EXPECT_TRUE(found_n("mắc ca Tây Nguyên", 1)) << watcher.log();
  EXPECT_TRUE(found_n("sâm Ngọc Linh", 1)) << watcher.log();

  write_text(dir_ / "a" / "b" / "c" / "ba.txt", report("quế Văn Yên"));
  EXPECT_TRUE(found_n("quế Văn Yên", 1)) << watcher.log();

  fs::remove_all(dir_ / "nhan");
  EXPECT_TRUE(found_n("mắc ca Tây Nguyên", 0)) << watcher.log();
  EXPECT_TRUE(found_n("sâm Ngọc Linh", 0)) << watcher.log();
  EXPECT_TRUE(watcher.says("deleted nhan/con/hai.txt -> "));
  EXPECT_EQ(found("quế Văn Yên").size(), 1u);
  EXPECT_EQ(watcher.stop(), 0);
  EXPECT_EQ(count_of(watcher.log(), "chi-muc/"), 0u) << watcher.log();
}

// Without --delete-missing a deleted file's document stays, and the log says so.
TEST_F(WatchTest, KeepsDocumentsOfDeletedFilesUnlessAsked) {
  Watcher watcher(dir_, db_, scratch_ / "watch.log");
  ASSERT_TRUE(watcher.says("start: ")) << watcher.log();
  // A second watcher of the same folder into the same index is refused (it would write the
  // state file over the first one's).
  auto second = tracuu::test::run_tracuu("index --watch " + dir_.string() + " --db " + db_.string(),
                                         scratch_);
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("another `tracuu index --watch"), std::string::npos) << second.err;
  write_text(dir_ / "lua.txt", report("lúa gạo hữu cơ"));
  ASSERT_TRUE(found_n("lúa gạo hữu cơ", 1)) << watcher.log();
  fs::remove(dir_ / "lua.txt");
  ASSERT_TRUE(watcher.says("gone lua.txt: ")) << watcher.log();
  EXPECT_TRUE(watcher.says("stays in the index (--delete-missing removes it)"));
  EXPECT_EQ(found("lúa gạo hữu cơ").size(), 1u);
  EXPECT_EQ(watcher.stop(SIGINT), 0) << watcher.log();
}

// A burst of files is one batch; a restart reads nothing unchanged and only what changed while
// the watcher was down.
TEST_F(WatchTest, RestartReadsOnlyWhatChangedWhileStopped) {
  {
    Watcher watcher(dir_, db_, scratch_ / "first.log");
    ASSERT_TRUE(watcher.says("start: ")) << watcher.log();
    for (int i = 0; i < 30; ++i)
      write_text(dir_ / ("bao-cao-" + std::to_string(i) + ".txt"),
                 report("điểm số " + std::to_string(1000 + i)));
    ASSERT_TRUE(eventually([&] { return documents() == 30; })) << watcher.log();
    ASSERT_TRUE(watcher.says("batch: ")) << watcher.log();
    EXPECT_LE(count_of(watcher.log(), "indexing "), 3u) << "a burst is a few batches\n"
                                                        << watcher.log();
    EXPECT_EQ(watcher.stop(), 0);
  }
  {
    Watcher watcher(dir_, db_, scratch_ / "second.log");
    ASSERT_TRUE(watcher.says("start: 30 files unchanged (not read), 0 new or changed, 0 gone"))
        << watcher.log();
    EXPECT_EQ(watcher.stop(), 0);
    EXPECT_EQ(count_of(watcher.log(), "added"), 0u) << watcher.log();
    EXPECT_EQ(count_of(watcher.log(), "indexing"), 0u) << watcher.log();
  }
  write_text(dir_ / "bao-cao-7.txt", report("khoai sọ đồi"));
  {
    Watcher watcher(dir_, db_, scratch_ / "third.log");
    ASSERT_TRUE(watcher.says("start: 29 files unchanged (not read), 1 new or changed, 0 gone"))
        << watcher.log();
    ASSERT_TRUE(watcher.says("replaced bao-cao-7.txt -> ")) << watcher.log();
    EXPECT_TRUE(found_n("khoai sọ đồi", 1));
    EXPECT_TRUE(found_n("điểm số 1007", 0)) << "the old version is gone";
    EXPECT_EQ(documents(), 30u);
    fs::rename(dir_ / "bao-cao-3.txt", dir_ / "bao-cao-ba.txt");
    ASSERT_TRUE(watcher.says("moved bao-cao-3.txt -> bao-cao-ba.txt")) << watcher.log();
    EXPECT_EQ(watcher.stop(), 0);
    EXPECT_EQ(count_of(watcher.log(), "replaced bao-cao"), 1u) << watcher.log();
  }
  {  // the rename was saved too
    Watcher watcher(dir_, db_, scratch_ / "fourth.log");
    ASSERT_TRUE(watcher.says("start: 30 files unchanged (not read), 0 new or changed, 0 gone"))
        << watcher.log();
    EXPECT_EQ(watcher.stop(), 0);
  }
}

// kill -9 in the middle of a batch: the next start indexes what that batch lost, and the index
// checks clean.
TEST_F(WatchTest, KillDashNineMidBatchIsRedoneOnRestart) {
  constexpr int kFiles = 150;
  {
    Watcher watcher(dir_, db_, scratch_ / "killed.log");
    ASSERT_TRUE(watcher.says("start: ")) << watcher.log();
    for (int i = 0; i < kFiles; ++i)
      write_text(dir_ / ("so-" + std::to_string(i) + ".txt"),
                 report("hạng mục " + std::to_string(5000 + i)));
    ASSERT_TRUE(watcher.says("indexing ")) << watcher.log();
    EXPECT_EQ(watcher.stop(SIGKILL), -SIGKILL);
  }
  Watcher watcher(dir_, db_, scratch_ / "restarted.log");
  ASSERT_TRUE(watcher.says("start: ")) << watcher.log();
  EXPECT_EQ(count_of(watcher.log(), " 0 new or changed"), 0u) << "the lost batch is redone\n"
                                                              << watcher.log();
  ASSERT_TRUE(eventually([&] { return documents() == static_cast<std::size_t>(kFiles); }))
      << watcher.log();
  EXPECT_EQ(found("hạng mục 5149").size(), 1u);
  EXPECT_EQ(watcher.stop(), 0);
#ifdef __SANITIZE_ADDRESS__
  // libxapian 1.4.22's Database::check trips ASan's new-delete-type-mismatch inside libxapian
  // (see check_test.cc); only that report is off.
  setenv("ASAN_OPTIONS", "new_delete_type_mismatch=0", 1);
#endif
  auto check = tracuu::test::run_tracuu("check --db " + db_.string(), scratch_);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// While another writer holds the index, files wait (nothing is dropped) and go in once it lets
// go.
TEST_F(WatchTest, WaitsForAnotherWriterAndDropsNothing) {
  Watcher watcher(dir_, db_, scratch_ / "watch.log");
  ASSERT_TRUE(watcher.says("start: ")) << watcher.log();
  write_text(dir_ / "mot.txt", report("cam sành Hàm Yên"));
  ASSERT_TRUE(found_n("cam sành", 1)) << watcher.log();
  {
    // The watcher may still hold the lock for the end of its batch.
    std::unique_ptr<tracuu::indexer::IndexWriter> other;
    ASSERT_TRUE(eventually([&] {
      try {
        other = std::make_unique<tracuu::indexer::IndexWriter>(db_.string(),
                                                               tracuu::indexer::IndexOptions{});
        return true;
      } catch (const tracuu::indexer::IndexError&) {
        return false;
      }
    }));
    write_text(dir_ / "hai.txt", report("bưởi Đoan Hùng"));
    ASSERT_TRUE(watcher.says("waiting: another writer holds the index")) << watcher.log();
    EXPECT_TRUE(found("bưởi Đoan Hùng").empty());
  }
  EXPECT_TRUE(found_n("bưởi Đoan Hùng", 1)) << watcher.log();
  EXPECT_EQ(watcher.stop(), 0);
}
