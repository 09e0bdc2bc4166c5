// People's corrections of documents' metadata: what a correction may hold (checked against the
// type table and the gazetteer), the store's file (merged, durable, a damaged one refused), and
// the writer applying it at once and again on every re-index and rebuild of the id.
#include "tracuu/indexer/correction_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tracuu/indexer/errors.h"
#include "tracuu/indexer/index_writer.h"
#include "tracuu/indexer/searcher.h"

namespace fs = std::filesystem;
using nlohmann::json;
using tracuu::indexer::Correction;
using tracuu::indexer::correction_from_json;
using tracuu::indexer::CorrectionError;
using tracuu::indexer::CorrectionStore;

namespace {

fs::path fresh_dir() {
  auto dir =
      fs::temp_directory_path() / ("tracuu-corrections-" + std::to_string(getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The field a refused correction names.
std::string refused_field(const json& j) {
  try {
    correction_from_json(j);
  } catch (const CorrectionError& e) {
    return e.field;
  }
  return "(accepted)";
}

}  // namespace

TEST(Correction, TypesAndProvincesAreReadAsPeopleWriteThem) {
  Correction c = correction_from_json(
      {{"type", "Kế hoạch"}, {"provinces", {"lao cai", "  Bắc Kạn ", "Lào Cai"}}});
  EXPECT_EQ(*c.type, "ke-hoach");
  EXPECT_EQ(*c.provinces, (std::vector<std::string>{"Lào Cai", "Bắc Kạn"}));
  EXPECT_EQ(*correction_from_json({{"type", "ke hoach"}}).type, "ke-hoach");
  EXPECT_EQ(*correction_from_json({{"type", "chi-thi"}}).type, "chi-thi");
  // A province merged in 2025 is still its documents' province; its 2025 one follows it.
  tracuu::corpus::Document doc;
  tracuu::indexer::apply(correction_from_json({{"provinces", {"ha giang"}}}), doc);
  EXPECT_EQ(doc.primary_province, "Hà Giang");
  EXPECT_EQ(doc.province_2025, "Tuyên Quang");
  EXPECT_EQ(*correction_from_json({{"date", "2020-02-29"}}).date, "2020-02-29");
  EXPECT_EQ(*correction_from_json({{"title", "  Kế hoạch số 5  "}}).title, "Kế hoạch số 5");
}

TEST(Correction, WhatIsNotADayATypeOrAProvinceIsRefusedByField) {
  EXPECT_EQ(refused_field({{"date", "2019-02-29"}}), "date");
  EXPECT_EQ(refused_field({{"date", "02/03/2019"}}), "date");
  EXPECT_EQ(refused_field({{"date", "1850-01-01"}}), "date");
  EXPECT_EQ(refused_field({{"type", "bài thơ"}}), "type");
  EXPECT_EQ(refused_field({{"provinces", {"Gotham"}}}), "provinces");
  EXPECT_EQ(refused_field({{"provinces", "Lào Cai"}}), "provinces");
  EXPECT_EQ(refused_field({{"title", ""}}), "title");
  EXPECT_EQ(refused_field({{"title", "hai\ndòng"}}), "title");
  EXPECT_EQ(refused_field({{"text", "khác"}}), "text");
  EXPECT_EQ(refused_field(json::array()), "");
}

TEST(CorrectionStore, CorrectionsOfAnIdMergeAndAreOnDiskForTheNextReader) {
  auto dir = fresh_dir();
  CorrectionStore store(dir);
  EXPECT_FALSE(store.find("kh-1"));
  store.put("kh-1", correction_from_json({{"date", "2019-06-15"}}));
  Correction whole = store.put("kh-1", correction_from_json({{"title", "Kế hoạch mới"}}));
  EXPECT_EQ(*whole.date, "2019-06-15");
  auto again = CorrectionStore(dir).find("kh-1");
  ASSERT_TRUE(again);
  EXPECT_EQ(*again->date, "2019-06-15");
  EXPECT_EQ(*again->title, "Kế hoạch mới");
  EXPECT_FALSE(again->type);
  fs::remove_all(dir);
}

TEST(CorrectionStore, ADamagedFileIsAnErrorNotAnEmptyStore) {
  auto dir = fresh_dir();
  std::ofstream(dir / CorrectionStore::kFileName) << "{\"corrections\": {\"kh-1\": ";
  try {
    CorrectionStore store(dir);
    FAIL() << "a damaged file was read as empty: the next put() would lose every correction";
  } catch (const tracuu::indexer::IndexError& e) {
    EXPECT_EQ(e.kind, tracuu::indexer::IndexErrorKind::kCorrupt);
  }
  fs::remove_all(dir);
}

TEST(CorrectionStore, TheWriterAppliesACorrectionAtOnceAndOnEveryReindex) {
  auto dir = fresh_dir();
  const auto db = (dir / "db").string();
  std::ofstream(dir / "in.jsonl") << json{{"id", "tb-1"},
                                          {"title", "Thông báo lịch trực ban"},
                                          {"text",
                                           "Cán bộ xã trực ban phòng chống lụt bão suốt mùa mưa."}}
                                         .dump()
                                  << "\n";
  tracuu::indexer::IndexOptions o;
  o.shards = 2;
  auto corrected = [&] {
    auto doc = tracuu::indexer::Searcher(db).document("tb-1");
    return doc && doc->date == "2019-06-15" && doc->type == "ke-hoach" &&
           doc->primary_province == "Lào Cai" && !doc->date_estimated;
  };
  {
    tracuu::indexer::IndexWriter w(db, o);
    w.index_paths({(dir / "in.jsonl").string()});
    EXPECT_FALSE(w.correct("khong-co", correction_from_json({{"date", "2019-06-15"}})));
    EXPECT_FALSE(fs::exists(dir / "db" / CorrectionStore::kFileName));
    ASSERT_TRUE(w.correct(
        "tb-1", correction_from_json(
                    {{"date", "2019-06-15"}, {"type", "Kế hoạch"}, {"provinces", {"Lào Cai"}}})));
  }
  EXPECT_TRUE(corrected()) << "committed by correct()";
  {
    tracuu::indexer::IndexWriter w(db, o);  // the same record indexed again
    w.index_paths({(dir / "in.jsonl").string()});
  }
  EXPECT_TRUE(corrected()) << "after a re-index";
  o.rebuild = true;
  {
    tracuu::indexer::IndexWriter w(db, o);
    w.index_paths({(dir / "in.jsonl").string()});
  }
  EXPECT_TRUE(corrected()) << "after --rebuild";
  fs::remove_all(dir);
}
