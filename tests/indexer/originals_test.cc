// The originals store under the writer: each kept file stored once by its SHA-256 before its
// record commits, dropped when no record names it (replaced, deleted, rebuilt), none kept under
// --no-originals; the store on its own: hostile names have no path, orphans are collected.
#include "../fixtures/originals.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/originals_store.h"

namespace fs = std::filesystem;
using tracuu::indexer::OriginalsStore;
using tracuu::test::records_by_original;
using tracuu::test::stored_originals;

namespace {

const fs::path kFormats = fs::path(TRACUU_SOURCE_DIR) / "tests/fixtures/formats";
// Kept: Word, OpenDocument, Word 97 and the two legacy-encoded texts. A UTF-8 text is not.
const std::vector<std::string> kKept = {"ke-hoach-01.docx", "ke-hoach-02.doc", "ke-hoach-03.odt",
                                        "ke-hoach-04.vni.txt", "ke-hoach-05.tcvn3.txt"};

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class Originals : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tracuu-originals-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
    for (const auto& f : kKept) fs::copy_file(kFormats / f, dir_ / "in" / f);
    fs::copy_file(fs::path(TRACUU_SOURCE_DIR) / "data/sample/tin-11.txt", dir_ / "in/tin-11.txt");
    db_ = dir_ / "db";
  }
  void TearDown() override { fs::remove_all(dir_); }
  tracuu::indexer::IndexStats index(bool keep = true, bool rebuild = false) {
    tracuu::indexer::IndexOptions o;
    o.keep_originals = keep;
    o.rebuild = rebuild;
    tracuu::indexer::IndexWriter w(db_.string(), o);
    return w.index_paths({(dir_ / "in").string()});
  }
  std::string sha_of(const std::string& name) {
    auto records = records_by_original(db_);
    auto it = records.find(name);
    if (it == records.end() || it->second["original"]["sha256"].is_null()) return "";
    return it->second["original"]["sha256"];
  }
  fs::path dir_, db_;
};

}  // namespace

TEST_F(Originals, EachKeptFileIsStoredOnceByteForByteAndUtf8TextIsNot) {
  auto stats = index();
  ASSERT_EQ(stats.added, kKept.size() + 1);
  auto records = records_by_original(db_);
  EXPECT_EQ(records.count(""), 1u) << "a UTF-8 text's record is its file: no original";
  for (const auto& name : kKept) {
    SCOPED_TRACE(name);
    ASSERT_EQ(records.count(name), 1u);
    const auto& original = records.find(name)->second["original"];
    std::string bytes = bytes_of(kFormats / name);
    EXPECT_EQ(original["bytes"], bytes.size());
    auto path = OriginalsStore::path_of(db_, original["sha256"].get<std::string>());
    ASSERT_TRUE(path);
    EXPECT_EQ(bytes_of(*path), bytes);
  }
  EXPECT_EQ(records.find("ke-hoach-01.docx")->second["original"]["content_type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(records.find("ke-hoach-05.tcvn3.txt")->second["original"]["content_type"],
            "text/plain");
  EXPECT_EQ(stored_originals(db_).size(), kKept.size());
  index();  // the same files again: the same copies, nothing added
  EXPECT_EQ(stored_originals(db_).size(), kKept.size());
}

TEST_F(Originals, AFileReplacedUnderTheSameIdTakesItsOldCopyWithIt) {
  index();
  std::string before = sha_of("ke-hoach-01.docx");
  ASSERT_FALSE(before.empty());
  // The same text saved again: a zip comment changes the bytes, not the document or its id.
  std::string docx = bytes_of(dir_ / "in/ke-hoach-01.docx");
  ASSERT_EQ(docx.compare(docx.size() - 22, 4, "PK\x05\x06"), 0) << "no zip comment yet";
  docx[docx.size() - 2] = 7;
  docx += "resaved";
  std::ofstream(dir_ / "in/ke-hoach-01.docx", std::ios::binary) << docx;
  auto stats = index();
  EXPECT_EQ(stats.updated, kKept.size() + 1);
  EXPECT_EQ(stats.added, 0u);
  std::string after = sha_of("ke-hoach-01.docx");
  EXPECT_NE(after, before);
  auto stored = stored_originals(db_);
  EXPECT_EQ(stored.count(after), 1u);
  EXPECT_EQ(stored.count(before), 0u) << "no record names the old copy";
  EXPECT_EQ(stored.size(), kKept.size());
}

TEST_F(Originals, DeletingADocumentDeletesItsOriginal) {
  index();
  auto records = records_by_original(db_);
  std::string id = records.find("ke-hoach-03.odt")->second["id"];
  std::string sha = sha_of("ke-hoach-03.odt");
  {
    tracuu::indexer::IndexWriter w(db_.string(), {});
    ASSERT_TRUE(w.remove(id));
    w.commit();
  }
  EXPECT_EQ(stored_originals(db_).count(sha), 0u);
  EXPECT_EQ(stored_originals(db_).size(), kKept.size() - 1);
}

TEST_F(Originals, ARebuildKeepsOnlyWhatTheNewIndexNames) {
  index();
  for (const auto& name : kKept)
    if (name != "ke-hoach-02.doc") fs::remove(dir_ / "in" / name);
  index(true, /*rebuild=*/true);
  auto stored = stored_originals(db_);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(*stored.begin(), sha_of("ke-hoach-02.doc"));
}

TEST_F(Originals, NoOriginalsStoresNothingButStillDescribesTheFile) {
  index(/*keep=*/false);
  EXPECT_FALSE(fs::exists(OriginalsStore::dir_of(db_))) << "--no-originals: no copy at all";
  auto records = records_by_original(db_);
  ASSERT_EQ(records.count("ke-hoach-01.docx"), 1u);
  const auto& original = records.find("ke-hoach-01.docx")->second["original"];
  EXPECT_TRUE(original["sha256"].is_null());
  EXPECT_EQ(original["bytes"], bytes_of(kFormats / "ke-hoach-01.docx").size());
}

TEST_F(Originals, CopiesKeptEarlierGoWhenTheirDocumentsAreReindexedWithoutOriginals) {
  index();
  ASSERT_EQ(stored_originals(db_).size(), kKept.size());
  index(/*keep=*/false);
  EXPECT_EQ(tracuu::test::files_in_store(db_), 0u);
}

TEST(OriginalsStore, NamesFilesByTheirSha256AndStoresEqualBytesOnce) {
  auto db = fs::temp_directory_path() / ("tracuu-store-" + std::to_string(getpid()));
  fs::remove_all(db);
  fs::create_directories(db);
  OriginalsStore store(db);
  EXPECT_FALSE(fs::exists(OriginalsStore::dir_of(db))) << "nothing before the first file";
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  EXPECT_EQ(store.put("abc"), abc);
  EXPECT_EQ(store.put("abc"), abc);
  EXPECT_EQ(tracuu::test::files_in_store(db), 1u);
  EXPECT_EQ(bytes_of(*OriginalsStore::path_of(db, abc)), "abc");
  EXPECT_EQ(*OriginalsStore::path_of(db, abc), db / "originals/ba" / abc.substr(2));
  fs::remove_all(db);
}

TEST(OriginalsStore, ANameThatIsNotASha256HasNoPath) {
  for (const std::string& bad : std::vector<std::string>{
           "", "../../etc/passwd", "ba7816bf", std::string(64, 'A'), std::string(62, 'a') + "/.",
           std::string(63, 'a') + "\n", std::string(64, 'a') + "0", std::string(60, 'a') + "%2e."})
    EXPECT_FALSE(OriginalsStore::path_of("/db", bad)) << bad;
}

TEST(OriginalsStore, CollectsFilesNoRecordNamesAndTemporariesOfAKilledRun) {
  auto db = fs::temp_directory_path() / ("tracuu-store-gc-" + std::to_string(getpid()));
  fs::remove_all(db);
  fs::create_directories(db);
  OriginalsStore store(db);
  std::string kept = store.put("còn dùng"), orphan = store.put("không ai dùng");
  auto temp = OriginalsStore::dir_of(db) / kept.substr(0, 2) / ".tmp-interrupted";
  std::ofstream(temp) << "nửa tệp";
  auto stranger = OriginalsStore::dir_of(db) / "README";
  std::ofstream(stranger) << "not ours";
  EXPECT_EQ(store.remove_unreferenced([&](const std::string& sha) { return sha == kept; }), 2u);
  EXPECT_TRUE(fs::exists(*OriginalsStore::path_of(db, kept)));
  EXPECT_FALSE(fs::exists(*OriginalsStore::path_of(db, orphan)));
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_TRUE(fs::exists(stranger)) << "only the store's own names are touched";
  fs::remove_all(db);
}
