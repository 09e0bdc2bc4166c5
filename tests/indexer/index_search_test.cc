// Indexing and searching a real Xapian database built from the sample corpus.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "index_fixtures.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"

namespace fs = std::filesystem;
using tracuu::indexer::IndexOptions;
using tracuu::indexer::IndexWriter;
using tracuu::indexer::QueryError;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::test::fresh_dir;

namespace {

const std::string kSample = std::string(TRACUU_SOURCE_DIR) + "/data/sample";

// One index of the sample corpus shared by the read-only tests.
class SampleIndex : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new fs::path(fresh_dir("sample"));
    IndexOptions opts;
    opts.batch_size = 7;  // several commits
    IndexWriter writer(db_->string(), opts);
    auto stats = writer.index_paths({kSample});
    ASSERT_GE(stats.added, 40u);
    ASSERT_EQ(stats.failed, 0u);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*db_);
    delete db_;
  }
  static std::size_t count(const SearchRequest& r) {
    Searcher s(db_->string());
    return s.search(r).total;
  }
  static std::size_t count(const std::string& q) {
    SearchRequest r;
    r.query = q;
    return count(r);
  }
  static fs::path* db_;
};
fs::path* SampleIndex::db_ = nullptr;

}  // namespace

TEST_F(SampleIndex, AccentlessQueriesFindAccentedTextAndRankItFirst) {
  EXPECT_EQ(count("dan van chinh quyen"), count("dân vận chính quyền"));
  EXPECT_GT(count("tinh uy"), 0u);
  Searcher s(db_->string());
  SearchRequest r;
  r.query = "dân vận khéo";
  auto res = s.search(r);
  ASSERT_FALSE(res.hits.empty());
  EXPECT_NE(res.hits[0].snippet.find("<mark>"), std::string::npos);
}

TEST_F(SampleIndex, OldAndNewTonePlacementAreTheSameWord) {
  EXPECT_EQ(count("uỷ ban"), count("ủy ban"));
  EXPECT_EQ(count("cụ thể hoá"), count("cụ thể hóa"));
  EXPECT_GT(count("cụ thể hoá"), 0u);
}

TEST_F(SampleIndex, PhrasesRequireTheWordsInOrder) {
  std::size_t phrase = count("\"dân vận khéo\"");
  EXPECT_GT(phrase, 0u);
  EXPECT_LT(count("\"khéo vận dân\""), phrase);
}

TEST_F(SampleIndex, DocumentNumbersInAnyVariantFindCitingDocuments) {
  std::size_t canonical = count("114-KL/TW");
  EXPECT_GE(canonical, 10u);
  EXPECT_EQ(count("114/KL-TW"), canonical);
  EXPECT_EQ(count("Kết luận 114"), canonical);
  EXPECT_EQ(count("KL 114"), canonical);
  EXPECT_EQ(count("so:114-KL/TW"), canonical);
}

TEST_F(SampleIndex, FiltersByProvinceDirectiveTypeAndDate) {
  SearchRequest r;
  r.provinces = {"Sơn La"};
  std::size_t son_la = count(r);
  EXPECT_GT(son_la, 0u);
  for (std::string typed : {"son la", "SƠN LA", "Sơn  La"}) {  // however it is typed
    SearchRequest any;
    any.provinces = {typed};
    EXPECT_EQ(count(any), son_la) << typed;
  }
  EXPECT_EQ(count("tinh:\"son la\""), son_la);
  r.cited_numbers = {"114/KL-TW"};
  std::size_t both = count(r);
  EXPECT_GT(both, 0u);
  EXPECT_LE(both, son_la);
  SearchRequest t;
  t.types = {"ke-hoach"};
  EXPECT_EQ(count(t), 8u);
  t.types = {"Kế hoạch"};  // the label as shown works too
  EXPECT_EQ(count(t), 8u);
  t.types = {"KẾ HOẠCH"};
  EXPECT_EQ(count(t), 8u);
  EXPECT_EQ(tracuu::corpus::type_slug("Bộ luật"), "luat") << "what filters use, not bo-luat";
  EXPECT_EQ(count("loai:\"kế hoạch\""), 8u);
  SearchRequest d;
  d.from = "2020-01-01";
  d.to = "2020-12-31";
  Searcher s(db_->string());
  d.limit = 100;
  for (const auto& h : s.search(d).hits) {
    ASSERT_TRUE(h.date);
    EXPECT_EQ(h.date->substr(0, 4), "2020") << h.title;
  }
  EXPECT_LT(count(d), count(SearchRequest{}));
}

TEST_F(SampleIndex, FacetCountsMatchABruteForceCount) {
  Searcher s(db_->string());
  SearchRequest all;
  all.limit = 1000;
  auto res = s.search(all);
  std::map<std::string, std::size_t> provinces, directives;
  for (const auto& h : res.hits) {
    for (const auto& p : h.provinces) ++provinces[p];
    for (const auto& c : h.citations) ++directives[c];
  }
  for (const auto& [name, n] : res.facets.at("province")) EXPECT_EQ(n, provinces[name]) << name;
  for (const auto& [name, n] : res.facets.at("directive")) EXPECT_EQ(n, directives[name]) << name;
  EXPECT_EQ(res.total, res.hits.size());
}

TEST_F(SampleIndex, EmptyQueryBrowsesNewestFirst) {
  Searcher s(db_->string());
  SearchRequest r;
  r.cited_numbers = {"114-KL/TW"};
  r.limit = 100;
  auto res = s.search(r);
  std::string previous = "9999";
  for (const auto& h : res.hits) {
    std::string date = h.date.value_or("0000");
    EXPECT_LE(date, previous);
    previous = date;
  }
}

TEST_F(SampleIndex, SuggestsAccentsAndSpellingCorrections) {
  Searcher s(db_->string());
  SearchRequest r;
  r.query = "dan van kheo";
  EXPECT_EQ(s.search(r).suggestion.value_or(""), "dân vận khéo");
  r.query = "dân vậm";
  EXPECT_EQ(s.search(r).suggestion.value_or(""), "dân vận");
}

// Accents are restored word by word, not syllable by syllable: "vẫn" and "tình" are each more
// frequent here than "vận" and "tỉnh", but "dân vận" and "tỉnh ủy" are the indexed words.
TEST(Searcher, AccentsAreRestoredAsWholeWords) {
  auto db = fresh_dir("accents");
  std::vector<tracuu::corpus::Document> docs;
  for (int i = 0; i < 6; ++i)
    docs.push_back(tracuu::test::document(
        "a" + std::to_string(i), "Tin địa phương",
        i < 4 ? "Người dân vẫn giữ tình cảm với quê hương, tình hình ổn định."
              : "Tỉnh ủy chỉ đạo làm tốt công tác dân vận ở cơ sở."));
  tracuu::test::write_documents(db, docs);
  Searcher s(db.string());
  using tracuu::test::suggestion_for;
  EXPECT_EQ(suggestion_for(s, "cong tac dan van"), "công tác dân vận");
  EXPECT_EQ(suggestion_for(s, "tinh uy"), "tỉnh ủy");
  EXPECT_EQ(suggestion_for(s, "dan van tinh uy"), "dân vận tỉnh ủy");
  EXPECT_EQ(suggestion_for(s, "tinh hinh"), "tình hình");
  fs::remove_all(db);
}

TEST_F(SampleIndex, DirectiveRecordsCountCitingDocumentsPerYearAndProvince) {
  Searcher s(db_->string());
  auto rec = s.cited_document("114/KL-TW");
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->number, "114-KL/TW");
  EXPECT_TRUE(rec->document_id) << "the sample holds the text itself";
  EXPECT_EQ(rec->date.value_or(""), "2015-07-14");
  std::size_t per_year = 0;
  for (const auto& [y, n] : rec->per_year) per_year += n;
  EXPECT_EQ(per_year + rec->undated, rec->citing_count);
  EXPECT_GE(rec->per_year.size(), 4u) << "cited over many years";
  for (const auto& h : rec->citing)
    EXPECT_NE(h.id, *rec->document_id) << "its own \"Số: 114-KL/TW\" line is not a citation";
  EXPECT_GT(rec->first_cited.value_or(""), "2015-07-14");
  EXPECT_FALSE(s.cited_document("999-XX/TW"));
}

TEST_F(SampleIndex, MalformedQueriesGetAFallbackOrAClearError) {
  Searcher s(db_->string());
  SearchRequest r;
  for (std::string q :
       {"\"dân vận", "AND", "OR NOT", "-", "tinh:", "\xFF\xFE dân", "((((", "so:"}) {
    r.query = q;
    EXPECT_NO_THROW(s.search(r)) << q;
  }
  r.query = std::string(10000, 'a');
  EXPECT_THROW(s.search(r), QueryError);
  SearchRequest bad;
  bad.from = "2020-13-45";
  EXPECT_THROW(s.search(bad), QueryError);
}

TEST(IndexWriter, UpsertReplacesInsteadOfDuplicatingAndDeleteRemoves) {
  auto db = fresh_dir("upsert");
  tracuu::corpus::Document doc;
  doc.id = "bai-1";
  doc.title = "Hội nghị dân vận";
  doc.text = "Nội dung cũ về hội nghị.";
  {
    IndexWriter w(db.string(), {});
    EXPECT_FALSE(w.upsert(doc));
    doc.text = "Nội dung mới về đối thoại.";
    EXPECT_TRUE(w.upsert(doc));
    w.commit();
  }
  Searcher s(db.string());
  EXPECT_EQ(s.document_count(), 1u);
  EXPECT_EQ(tracuu::test::total_for(s, "đối thoại"), 1u);
  EXPECT_EQ(tracuu::test::total_for(s, "cũ"), 0u);
  {
    IndexWriter w(db.string(), {});
    EXPECT_TRUE(w.remove("bai-1"));
    EXPECT_FALSE(w.remove("bai-1"));
  }
  s.reopen();
  EXPECT_EQ(s.document_count(), 0u);
  fs::remove_all(db);
}

// A new index is written as shards (one writer thread each) behind Xapian's stub file, so any
// Xapian tool opens the directory as one database; an id always lands in the same shard.
TEST(IndexWriter, ShardsOpenAsOneDatabaseAndKeepEachIdInOnePlace) {
  auto db = fresh_dir("shards");
  IndexOptions opts;
  opts.shards = 3;
  auto make = [](int i, const std::string& text) {
    tracuu::corpus::Document d;
    d.id = "tin-" + std::to_string(i);
    d.title = "Tin số " + std::to_string(i);
    d.text = text;
    return d;
  };
  {
    IndexWriter w(db.string(), opts);
    for (int i = 0; i < 30; ++i) EXPECT_FALSE(w.upsert(make(i, "Bản cũ về công tác dân vận.")));
    w.commit();
  }
  std::ifstream stub(db / "XAPIANDB");
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(stub, line)) lines.push_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"auto shard0", "auto shard1", "auto shard2"}));
  for (int s = 0; s < 3; ++s)
    EXPECT_GT(Xapian::Database((db / ("shard" + std::to_string(s))).string()).get_doccount(), 0u)
        << "shard " << s << " holds no documents";
  EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), 30u);
  Searcher searcher(db.string());
  auto before = searcher.revision();
  {
    opts.shards = 5;  // an existing index keeps its own shard count
    IndexWriter w(db.string(), opts);
    for (int i = 0; i < 30; ++i) EXPECT_TRUE(w.upsert(make(i, "Bản mới về đối thoại.")));
    EXPECT_TRUE(w.remove("tin-7"));
    w.commit();
  }
  EXPECT_TRUE(searcher.reopen());
  EXPECT_GT(searcher.revision(), before);
  EXPECT_EQ(searcher.document_count(), 29u);
  EXPECT_EQ(tracuu::test::total_for(searcher, "doi thoai"), 29u);
  EXPECT_EQ(tracuu::test::total_for(searcher, "\"bản cũ\""), 0u);
  EXPECT_FALSE(fs::exists(db / "shard3"));
  fs::remove_all(db);
}

TEST(Searcher, AbbreviationsAndTheirExpansionsFindEachOther) {
  auto db = fresh_dir("abbrev");
  {
    IndexWriter w(db.string(), {});
    tracuu::corpus::Document a, b, c;
    a.id = "a";
    a.title = "Kế hoạch";
    a.text = "UBND tỉnh Lào Cai ban hành kế hoạch.";
    b.id = "b";
    b.title = "Thông báo";
    b.text = "Ủy ban nhân dân tỉnh Sơn La họp.";
    c.id = "c";
    c.title = "Tin khác";
    c.text = "Ban chỉ đạo họp với nhân dân.";  // the words, not the name
    w.upsert(a);
    w.upsert(b);
    w.upsert(c);
    w.commit();
  }
  Searcher s(db.string());
  auto ids = [&](const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.exact = true;  // what every word matches, without the relaxed pass
    std::set<std::string> out;
    for (const auto& h : s.search(r).hits) out.insert(h.id);
    return out;
  };
  const std::set<std::string> both{"a", "b"};
  EXPECT_EQ(ids("UBND"), both);
  EXPECT_EQ(ids("\"ủy ban nhân dân\""), (std::set<std::string>{"b"})) << "a phrase needs the words";
  EXPECT_EQ(ids("ủy ban nhân dân"), both);
  EXPECT_EQ(ids("uy ban nhan dan"), both);
  fs::remove_all(db);
}

TEST(IndexWriter, CompactionMergesShardsAndReadersFollow) {
  auto db = fresh_dir("compact");
  IndexOptions opts;
  opts.shards = 2;
  IndexWriter w(db.string(), opts);
  auto stats = w.index_paths({kSample});
  Searcher reader(db.string());
  SearchRequest r;
  r.query = "dân vận";
  auto before = reader.search(r).total;
  ASSERT_GT(before, 0u);
  EXPECT_GT(w.compact(), 0u);
  EXPECT_FALSE(fs::exists(db / "shard0"));
  EXPECT_FALSE(fs::exists(db / "shard1"));
  EXPECT_EQ(Xapian::Database(db.string()).get_doccount(), stats.added);
  auto revision = reader.revision();
  EXPECT_TRUE(reader.reopen());
  EXPECT_GT(reader.revision(), revision) << "caches keyed by revision must see a new one";
  EXPECT_EQ(reader.search(r).total, before);
  // The writer goes on updating the compacted database.
  tracuu::corpus::Document d;
  d.id = "sau-nen";
  d.title = "Tin mới";
  d.text = "Công tác dân vận sau khi nén chỉ mục.";
  EXPECT_FALSE(w.upsert(d));
  w.commit();
  EXPECT_TRUE(reader.reopen());
  EXPECT_EQ(reader.search(r).total, before + 1);
  fs::remove_all(db);
}

// Indexes made before shards (one glass database in the directory) are still read and updated.
TEST(IndexWriter, UpdatesAnUnshardedIndexInPlace) {
  auto db = fresh_dir("unsharded");
  Xapian::WritableDatabase(db.string(), Xapian::DB_CREATE).commit();
  tracuu::corpus::Document d;
  d.id = "cu-1";
  d.title = "Kế hoạch";
  d.text = "Triển khai Kết luận 114-KL/TW tại Sơn La.";
  {
    IndexWriter w(db.string(), {});
    w.upsert(d);
    w.commit();
  }
  EXPECT_FALSE(fs::exists(db / "XAPIANDB"));
  Searcher s(db.string());
  SearchRequest r;
  r.query = "so:114-KL/TW";
  EXPECT_EQ(s.search(r).total, 1u);
  fs::remove_all(db);
}

TEST(IndexWriter, ReindexingTheSameFilesUpdatesWithoutDuplicates) {
  auto db = fresh_dir("reindex");
  IndexWriter w(db.string(), {});
  auto first = w.index_paths({kSample});
  auto second = w.index_paths({kSample});
  EXPECT_EQ(second.updated, first.added);
  w.commit();
  EXPECT_EQ(Searcher(db.string()).document_count(), first.added);
  fs::remove_all(db);
}

// Input far larger than the indexing window (two batches per shard) streams through it: every
// document lands, a later version of an id replaces the earlier one even many documents apart,
// a broken line costs only itself, and the progress bar ends full.
TEST(IndexWriter, StreamsInputLargerThanItsWindowWithoutLosingDocuments) {
  auto db = fresh_dir("stream");
  fs::create_directories(db);
  auto input = db / "input.jsonl";
  constexpr int kDocs = 1200;
  {
    std::ofstream out(input);
    for (int i = 0; i < kDocs; ++i) {
      out << nlohmann::json{{"id", "tin-" + std::to_string(i)},
                            {"title", "Tin số " + std::to_string(i)},
                            {"text", "Huyện tổ chức hội nghị dân vận lần thứ " + std::to_string(i) +
                                         " với cán bộ cơ sở."}}
                 .dump()
          << "\n";
      if (i == 600) out << "{\"id\": \"hỏng\", \"text\": \n";  // a broken line
    }
    out << nlohmann::json{{"id", "tin-3"},
                          {"title", "Tin số 3"},
                          {"text", "Bản sửa đổi về đối thoại."}}
               .dump()
        << "\n";
  }
  IndexOptions opts;
  opts.batch_size = 20;
  opts.threads = 2;
  std::size_t last_done = 0, last_total = 0, calls = 0;
  bool monotone = true;
  opts.progress = [&](const tracuu::indexer::IndexStats&, std::size_t done, std::size_t total) {
    monotone = monotone && done >= last_done && done <= total;
    last_done = done;
    last_total = total;
    ++calls;
  };
  opts.on_error = [](const std::string&, const std::string&) {};
  auto db_dir = db / "db";
  IndexWriter w(db_dir.string(), opts);
  auto stats = w.index_paths({input.string()});
  EXPECT_EQ(stats.added, static_cast<std::size_t>(kDocs));
  EXPECT_EQ(stats.updated, 1u);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_TRUE(monotone);
  EXPECT_GT(calls, 10u);
  EXPECT_GT(last_total, 0u);
  EXPECT_EQ(last_done, last_total) << "the bar ends full";
  Searcher s(db_dir.string());
  EXPECT_EQ(s.document_count(), static_cast<std::size_t>(kDocs));
  SearchRequest r;
  r.query = "đối thoại";
  auto found = s.search(r);
  ASSERT_EQ(found.total, 1u);
  EXPECT_EQ(found.hits[0].id, "tin-3");
  fs::remove_all(db);
}

TEST(IndexWriter, ALockedOrMissingDatabaseGivesAClearMessage) {
  auto db = fresh_dir("locked");
  IndexWriter w(db.string(), {});
  try {
    IndexWriter second(db.string(), {});
    FAIL() << "a second writer must be refused";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
  auto remote = db / "remote";
  fs::create_directories(remote);
  std::ofstream(remote / "XAPIANDB") << "remote :127.0.0.1:1\n";
  try {
    IndexWriter into_remote(remote.string(), {});
    FAIL() << "a stub naming remote shards must not be overwritten";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("names remote shards"), std::string::npos) << e.what();
  }
  std::ifstream kept(remote / "XAPIANDB");
  std::string line;
  std::getline(kept, line);
  EXPECT_EQ(line, "remote :127.0.0.1:1");
  try {
    Searcher missing((db / "nothing-here").string());
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("no index"), std::string::npos) << e.what();
  }
  fs::remove_all(db);
}

TEST(IndexWriter, SurvivesKillDashNineMidIndexAndReRunFinishes) {
  auto db = fresh_dir("crash");
  auto corpus = fresh_dir("crash-corpus");
  fs::create_directories(corpus);
  // Enough small documents that the child is killed between commits.
  for (int f = 0; f < 20; ++f) {
    std::ofstream out(corpus / ("part-" + std::to_string(f) + ".jsonl"));
    for (int i = 0; i < 200; ++i)
      out << "{\"id\":\"d" << f << "-" << i << "\",\"title\":\"Tin số " << i
          << "\",\"text\":\"Công tác dân vận ở tỉnh Lào Cai, lần " << i
          << " theo Kết luận 114-KL/TW.\"}\n";
  }
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    IndexOptions opts;
    opts.batch_size = 50;
    IndexWriter w(db.string(), opts);
    w.index_paths({corpus.string()});
    _exit(0);
  }
  // Kill once the first batches are committed (poll the database's revision).
  for (int i = 0; i < 400; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    try {
      if (Xapian::Database(db.string()).get_doccount() >= 100) break;
    } catch (const Xapian::Error&) {
    }
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  std::size_t after_kill = 0;
  ASSERT_NO_THROW(after_kill = Searcher(db.string()).document_count());
  EXPECT_EQ(after_kill % 50, 0u) << "only whole batches are visible";
  {
    IndexWriter w(db.string(), {});
    auto stats = w.index_paths({corpus.string()});
    EXPECT_EQ(stats.added + stats.updated, 4000u);
  }
  EXPECT_EQ(Searcher(db.string()).document_count(), 4000u);
  fs::remove_all(db);
  fs::remove_all(corpus);
}

// A misspelled word is corrected in context: "vậm" is one edit from the commoner "vậy" and from
// "vận", and "dân vận" is an indexed word.
TEST(Searcher, MisspellingsAreCorrectedInContext) {
  auto db = fresh_dir("misspelled");
  std::vector<tracuu::corpus::Document> docs;
  for (int i = 0; i < 12; ++i)
    docs.push_back(tracuu::test::document("a" + std::to_string(i), "Tin " + std::to_string(i),
                                          i < 10
                                              ? "Như vậy, người dân vậy mà vui, kết quả vậy là tốt."
                                              : "Công tác dân vận ở cơ sở được chú trọng."));
  tracuu::test::write_documents(db, docs);
  Searcher s(db.string());
  EXPECT_EQ(tracuu::test::suggestion_for(s, "dân vậm"), "dân vận");
  EXPECT_EQ(tracuu::test::suggestion_for(s, "kết quảa"), "kết quả") << "no context needed";
  fs::remove_all(db);
}

// What the user most likely meant ranks first: the restored reading's indexed words and exact
// sequence outrank documents that merely hold the syllables ("Lạng Sơn ... là ... tỉnh ủy").
TEST(Searcher, TheBestReadingOfAQueryRanksFirst) {
  auto db = fresh_dir("reading");
  tracuu::test::write_documents(
      db, {tracuu::test::document(
               "lang-son", "Lạng Sơn là điểm sáng",
               "Lạng Sơn là tỉnh biên giới. Tỉnh ủy Lạng Sơn là nơi họp. Ủy ban tỉnh là đơn vị đầu "
               "mối, Sơn là tên người, tỉnh là địa bàn, ủy là viết tắt."),
           tracuu::test::document("son-la", "Hội nghị cán bộ",
                                  "Tỉnh ủy Sơn La tổ chức hội nghị cán bộ chủ chốt.")});
  Searcher s(db.string());
  SearchRequest r;
  for (std::string q : {"tinh uy son la", "Tỉnh ủy Sơn La"}) {
    r.query = q;
    auto res = s.search(r);
    ASSERT_EQ(res.hits.size(), 2u) << q << ": ranking only, the matches stay";
    EXPECT_EQ(res.hits[0].id, "son-la") << q;
  }
  fs::remove_all(db);
}

// The archive-wide facets are counted once per index revision: a commit shows in them after the
// next reopen, never stale.
TEST(Searcher, ArchiveFacetsFollowNewCommits) {
  auto db = fresh_dir("archive-facets");
  auto a = tracuu::test::document("a", "Tin Lào Cai", "Tỉnh Lào Cai tổ chức hội nghị dân vận.");
  a.provinces = {"Lào Cai"};
  tracuu::test::write_documents(db, {a});
  Searcher s(db.string());
  auto count = [&](const std::string& province) {
    auto facets = s.all_facets(100);
    for (const auto& [name, n] : facets["province"])
      if (name == province) return n;
    return std::size_t{0};
  };
  EXPECT_EQ(count("Lào Cai"), 1u);
  EXPECT_EQ(count("Sơn La"), 0u);
  a.id = "b";
  a.provinces = {"Sơn La"};
  tracuu::test::write_documents(db, {a});
  EXPECT_EQ(count("Sơn La"), 0u) << "the same revision until reopen";
  EXPECT_TRUE(s.reopen());
  EXPECT_EQ(count("Sơn La"), 1u);
  EXPECT_EQ(count("Lào Cai"), 1u);
  fs::remove_all(db);
}

TEST(Searcher, AConcurrentReaderSeesCommittedBatchesWhileWriting) {
  auto db = fresh_dir("concurrent");
  {
    IndexWriter w(db.string(), {});
    tracuu::corpus::Document d;
    d.id = "seed";
    d.title = "Khởi tạo";
    d.text = "Văn bản đầu tiên.";
    w.upsert(d);
    w.commit();
  }
  std::atomic<bool> done{false};
  std::atomic<std::size_t> max_seen{0};
  std::thread reader([&] {
    Searcher s(db.string());
    while (!done) {
      s.reopen();
      SearchRequest r;
      r.query = "dân vận";
      auto res = s.search(r);
      max_seen = std::max<std::size_t>(max_seen, res.total);
    }
  });
  {
    IndexOptions opts;
    opts.batch_size = 20;
    IndexWriter w(db.string(), opts);
    for (int i = 0; i < 200; ++i) {
      tracuu::corpus::Document d;
      d.id = "n" + std::to_string(i);
      d.title = "Tin dân vận " + std::to_string(i);
      d.text = "Công tác dân vận chính quyền.";
      w.upsert(d);
      if (i % 20 == 19) w.commit();
    }
  }
  done = true;
  reader.join();
  EXPECT_GT(max_seen.load(), 0u);
  fs::remove_all(db);
}

TEST(IndexWriter, ShortNamesResolveAcrossTheArchiveOnlyWhenUnambiguous) {
  auto db = fresh_dir("short-names");
  auto extract = [](const std::string& id, const std::string& title, const std::string& text) {
    tracuu::corpus::RawDocument raw;
    raw.format = tracuu::corpus::RawDocument::Format::kJson;
    raw.content = text;
    raw.fields = {{"id", id}, {"title", title}, {"text", text}};
    return tracuu::corpus::Extractor::shared().extract(raw);
  };
  auto short_only = extract("tram-tau", "Huyện Trạm Tấu học tập Chỉ thị 49",
                            "Huyện ủy Trạm Tấu quán triệt Chỉ thị 49 của Ban Bí thư.");
  ASSERT_TRUE(short_only.citations.empty());
  ASSERT_EQ(short_only.short_citations.size(), 1u);
  auto citing = [&](const std::string& number) {
    Searcher s(db.string());
    SearchRequest r;
    r.cited_numbers = {number};
    std::set<std::string> ids;
    for (const auto& h : s.search(r).hits) ids.insert(h.id);
    return ids;
  };
  {
    IndexWriter w(db.string(), {});
    w.upsert(short_only);
    w.commit();
    EXPECT_EQ(w.resolve_short_names(), 0u);  // nothing in the archive says which 49 it is
    w.upsert(extract("yen-bai", "Yên Bái triển khai Chỉ thị 49-CT/TW",
                     "Tỉnh ủy ban hành kế hoạch thực hiện Chỉ thị số 49-CT/TW của Ban Bí thư."));
    EXPECT_EQ(w.resolve_short_names(), 1u);
  }
  EXPECT_EQ(citing("49-CT/TW"), (std::set<std::string>{"tram-tau", "yen-bai"}));
  {
    // A second "Chỉ thị 49" in the archive makes the short name ambiguous again.
    IndexWriter w(db.string(), {});
    w.upsert(extract("ttg", "Thực hiện Chỉ thị 49/CT-TTg",
                     "Các bộ, ngành thực hiện Chỉ thị số 49/CT-TTg của Thủ tướng Chính phủ."));
    EXPECT_EQ(w.resolve_short_names(), 1u);
  }
  EXPECT_EQ(citing("49-CT/TW"), (std::set<std::string>{"yen-bai"}));
  {
    IndexWriter w(db.string(), {});
    EXPECT_TRUE(w.remove("ttg"));
    EXPECT_EQ(w.resolve_short_names(), 1u);
    EXPECT_EQ(w.resolve_short_names(), 0u);  // stable: nothing left to change
  }
  EXPECT_EQ(citing("49-CT/TW"), (std::set<std::string>{"tram-tau", "yen-bai"}));
  fs::remove_all(db);
}
