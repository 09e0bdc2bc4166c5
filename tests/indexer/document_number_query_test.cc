// Document numbers as people type them: "49 CT TW", "49ct/tw", "chi thi 49", "Chỉ thị số 49",
// "CT49" all reach 49-CT/TW.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "index_fixtures.h"

namespace fs = std::filesystem;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::test::document;

TEST(DocumentNumberQueries, EveryTypedVariantReachesTheNumber) {
  auto db = tracuu::test::fresh_dir("docnum-queries");
  tracuu::test::write_documents(
      db, {document("cites-49", "Quán triệt chỉ thị",
                    "Tỉnh ủy quán triệt Chỉ thị số 49-CT/TW về xây dựng gia đình."),
           document("cites-16", "Thực hiện chỉ thị", "Thực hiện Chỉ thị 16/CT-TTg của Thủ tướng."),
           document("other", "Tin khác", "Năm 49 người dân chỉ thị trường tiêu thụ tại chỗ.")});
  Searcher s(db.string());
  auto ids = [&](const std::string& q) {
    SearchRequest r;
    r.query = q;
    r.exact = true;
    std::set<std::string> out;
    for (const auto& h : s.search(r).hits) out.insert(h.id);
    return out;
  };
  const std::set<std::string> forty_nine{"cites-49"};
  for (const char* q : {"49-CT/TW", "49 CT TW", "49ct/tw", "49 ct/tw", "chi thi 49",
                        "Chỉ thị số 49", "chỉ thị 49", "CT49", "CT 49", "49 CT"})
    EXPECT_EQ(ids(q), forty_nine) << q;
  EXPECT_EQ(ids("16 CT TTg"), std::set<std::string>{"cites-16"}) << "state numbering";
  fs::remove_all(db);
}
