// The index schema on disk: term prefixes in Xapian's conventions, and the schema version every
// shard records, so that an index of another version is refused with "rebuild needed".
#include "schema.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>

#include "index_fixtures.h"
#include "tracuu/indexer/errors.h"

namespace fs = std::filesystem;
using tracuu::indexer::IndexError;
using tracuu::indexer::IndexErrorKind;
namespace schema = tracuu::indexer::schema;

namespace {

// What an index written before versions were recorded looks like: no version in its shards.
void make_version_1(const fs::path& db) {
  for (const auto& entry : fs::directory_iterator(db)) {
    if (!fs::exists(entry.path() / "iamglass")) continue;
    Xapian::WritableDatabase shard(entry.path().string(), Xapian::DB_OPEN);
    shard.set_metadata(schema::kVersionKey, "");
    shard.commit();
  }
}

tracuu::corpus::Document plan() {
  auto d = tracuu::test::document("kh-lc", "Kế hoạch dân vận", "Công tác dân vận ở Lào Cai.");
  d.provinces = {"Lào Cai", "Đắk Lắk"};
  d.primary_province = "Lào Cai";
  d.date = "2019-05-20";
  d.short_citations = {{"CT", "49"}};
  return d;
}

bool has_term(const Xapian::Document& d, const std::string& term) {
  auto it = d.termlist_begin();
  it.skip_to(term);
  return it != d.termlist_end() && *it == term;
}

}  // namespace

TEST(Schema, AColonSeparatesALongPrefixFromACapitalisedValue) {
  EXPECT_EQ(schema::term("XP", "Lào Cai"), "XP:Lào Cai");
  EXPECT_EQ(schema::term("XP", "Đắk Lắk"), "XPĐắk Lắk") << "Xapian's rule is ASCII capitals";
  EXPECT_EQ(schema::term("XC", "114-KL/TW"), "XC114-KL/TW");
  EXPECT_EQ(schema::term("Q", "Abc"), "QAbc") << "a one-letter prefix never needs one";
  EXPECT_EQ(schema::value_of("XP:Lào Cai", "XP").value_or("?"), "Lào Cai");
  EXPECT_EQ(schema::value_of("XPĐắk Lắk", "XP").value_or("?"), "Đắk Lắk");
  EXPECT_FALSE(schema::value_of("XPP:Lào Cai", "XP")) << "the primary province is another field";
  EXPECT_FALSE(schema::value_of("XPNĐắk Lắk", "XP"));
  EXPECT_EQ(schema::value_of("Y2019", "Y").value_or("?"), "2019");
}

TEST(Schema, DocumentTermsKeepClearOfXapiansReservedPrefixes) {
  Xapian::Document x = schema::build_document(plan());
  EXPECT_TRUE(has_term(x, "XP:Lào Cai"));
  EXPECT_TRUE(has_term(x, "XPĐắk Lắk"));
  EXPECT_TRUE(has_term(x, "XPP:Lào Cai"));
  EXPECT_TRUE(has_term(x, "XR:CT 49"));
  EXPECT_TRUE(has_term(x, "Y2019"));
  EXPECT_TRUE(has_term(x, "M201905")) << "omega's month: M + YYYYMM";
  EXPECT_TRUE(has_term(x, "XWdân_vận"));
  for (auto it = x.termlist_begin(); it != x.termlist_end(); ++it) {
    const std::string t = *it;
    EXPECT_FALSE(t[0] == 'W' || t[0] == 'C') << t << ": W and C are reserved";
    EXPECT_FALSE(t.starts_with("YM")) << t << ": reads as Y + 'M...'";
  }
}

TEST(Schema, AProvinceFilterFindsItsDocumentsThroughTheColon) {
  auto db = tracuu::test::fresh_dir("schema-filter");
  tracuu::test::write_documents(db, {plan()});
  tracuu::indexer::Searcher s(db.string());
  tracuu::indexer::SearchRequest r;
  r.provinces = {"lao cai"};
  EXPECT_EQ(s.search(r).total, 1u);
  r.provinces = {"Đắk Lắk"};
  EXPECT_EQ(s.search(r).total, 1u);
  fs::remove_all(db);
}

TEST(Schema, AnIndexOfAnOlderSchemaIsRefusedWithRebuildNeeded) {
  auto db = tracuu::test::fresh_dir("schema-old");
  tracuu::test::write_documents(db, {plan()});
  make_version_1(db);
  try {
    tracuu::indexer::Searcher s(db.string());
    FAIL() << "an index of schema 1 was opened";
  } catch (const IndexError& e) {
    EXPECT_EQ(e.kind, IndexErrorKind::kSchema);
    EXPECT_NE(std::string(e.what()).find("rebuild"), std::string::npos) << e.what();
  }
  // Updating it would mix two schemas: refused too, until a rebuild.
  EXPECT_THROW(tracuu::indexer::IndexWriter(db.string(), {}), IndexError);
  {
    tracuu::indexer::IndexOptions rebuild;
    rebuild.rebuild = true;
    tracuu::indexer::IndexWriter w(db.string(), rebuild);
    w.upsert(plan());
  }
  tracuu::indexer::Searcher s(db.string());
  EXPECT_EQ(s.document_count(), 1u);
  fs::remove_all(db);
}

TEST(Schema, ASearcherRefusesAnIndexWhoseSchemaChangesUnderIt) {
  auto db = tracuu::test::fresh_dir("schema-reopen");
  tracuu::test::write_documents(db, {plan()});
  tracuu::indexer::Searcher s(db.string());
  EXPECT_EQ(s.search({}).total, 1u);
  make_version_1(db);
  try {
    s.reopen();
    FAIL() << "reopened onto schema 1";
  } catch (const IndexError& e) {
    EXPECT_EQ(e.kind, IndexErrorKind::kSchema);
  }
  fs::remove_all(db);
}

TEST(Schema, ACompactedIndexKeepsItsSchemaVersion) {
  auto db = tracuu::test::fresh_dir("schema-compact");
  tracuu::indexer::IndexOptions two;
  two.shards = 2;
  {
    tracuu::indexer::IndexWriter w(db.string(), two);
    w.upsert(plan());
    w.commit();
    w.compact();
  }
  tracuu::indexer::Searcher s(db.string());
  EXPECT_EQ(s.document_count(), 1u);
  fs::remove_all(db);
}
