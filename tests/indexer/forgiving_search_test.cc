// Forgiving matching over a real index: a strict pass, then (under a page of results) a relaxed one
// where each word may be its correction or missing, documents holding more words first.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "index_fixtures.h"

namespace fs = std::filesystem;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::indexer::SearchResult;
using tracuu::test::document;
using tracuu::test::fresh_dir;

namespace {

class Forgiving : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new fs::path(fresh_dir("forgiving"));
    std::vector<tracuu::corpus::Document> docs{
        document("all", "Báo cáo tổng kết",
                 "Công tác dân vận khéo ở cơ sở được tỉnh chú trọng trong nhiều năm qua, với "
                 "nhiều mô hình hay và cách làm sáng tạo của cán bộ các cấp."),
        document("two-loud", "Dân vận dân vận dân vận",
                 "Dân vận, dân vận và dân vận: hội nghị bàn về dân vận ở xã."),
        document("one", "Tin đời sống", "Người thợ khéo tay làm nón lá."),
        document("viet", "Việt Nam hội nhập", "Việt Nam hội nhập kinh tế quốc tế sâu rộng."),
        document("lao-cai", "Tỉnh Lào Cai", "Tỉnh Lào Cai tổ chức hội nghị về du lịch."),
        document("lao", "Nước bạn Lào", "Dân vận ở biên giới với nước bạn Lào."),
        document("up", "Tin công nghệ", "Bản cập nhật mới: bấm nút up để tải lên."),
    };
    tracuu::test::write_documents(*db_, docs);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*db_);
    delete db_;
  }
  static SearchResult search(const std::string& q, bool exact = false) {
    Searcher s(db_->string());
    SearchRequest r;
    r.query = q;
    r.exact = exact;
    return s.search(r);
  }
  static std::vector<std::string> ids(const SearchResult& res) {
    std::vector<std::string> out;
    for (const auto& h : res.hits) out.push_back(h.id);
    return out;
  }
  static fs::path* db_;
};
fs::path* Forgiving::db_ = nullptr;

}  // namespace

TEST_F(Forgiving, DocumentsHoldingMoreWordsAlwaysRankFirst) {
  auto res = search("dân vận khéo");
  ASSERT_FALSE(res.hits.empty());
  EXPECT_EQ(res.hits[0].id, "all") << "the only document with every word";
  EXPECT_TRUE(res.relaxed) << "one strict match is less than a page";
  auto order = ids(res);
  auto at = [&](const std::string& id) { return std::find(order.begin(), order.end(), id); };
  // "two-loud" repeats two of the words in its title, "lao" holds them once: two of three each.
  EXPECT_NE(at("two-loud"), order.end());
  EXPECT_EQ(at("one"), order.end()) << "one word of three is less than half";
  EXPECT_EQ(ids(search("dân vận khéo", true)), std::vector<std::string>{"all"})
      << "exact: every word required";
}

TEST_F(Forgiving, TelexSlipsAreSearchedAsTheWordMeantAndSaidSo) {
  auto res = search("vieetj nam");
  ASSERT_FALSE(res.hits.empty());
  EXPECT_EQ(res.hits[0].id, "viet");
  EXPECT_TRUE(res.relaxed);
  EXPECT_EQ(res.showing_for.value_or(""), "việt nam");
  EXPECT_EQ(search("vieetj nam", true).total, 0u) << "exact: as typed";
  EXPECT_EQ(ids(search("tinhr lao cai"))[0], "lao-cai");
}

TEST_F(Forgiving, SwappedAndDoubledLettersAreCorrected) {
  EXPECT_EQ(ids(search("dan vna kheo"))[0], "all");
  EXPECT_EQ(ids(search("dan vaan kheo"))[0], "all") << "Telex: aa is â, then accents restored";
  EXPECT_EQ(ids(search("viet namm"))[0], "viet");
}

TEST_F(Forgiving, NonsenseGetsNoSuggestionAndNoResults) {
  auto res = search("xqzjv wpfk");
  EXPECT_FALSE(res.suggestion);
  EXPECT_EQ(res.total, 0u);
  EXPECT_FALSE(res.relaxed);
}

TEST_F(Forgiving, SuggestionsKeepOperatorsAndQuotes) {
  auto res = search("dan van -lao");
  EXPECT_TRUE(res.suggestion.value_or("").starts_with("dân vận -l"))
      << res.suggestion.value_or("(none)");
  for (const auto& id : ids(res)) EXPECT_NE(id, "lao") << "the excluded word stays excluded";
  auto quoted = search("\"dan van\" khoe");
  EXPECT_NE(quoted.suggestion.value_or("").find("\"dân vận\""), std::string::npos)
      << quoted.suggestion.value_or("(none)");
}

TEST_F(Forgiving, AccentlessQuotedPhrasesAreStillPhrases) {
  EXPECT_EQ(ids(search("\"dan van kheo\"", true)), std::vector<std::string>{"all"});
  EXPECT_EQ(search("\"kheo dan van\"", true).total, 0u)
      << "the words in another order are no phrase";
}
