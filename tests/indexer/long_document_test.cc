// Long documents: analyzed a piece at a time so that memory follows the piece, not the text, and
// indexed exactly as if analyzed whole: the same terms and positions, so the same hits and
// snippets; through the real `tracuu index`, a large document stays within bounded memory.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "index_fixtures.h"
#include "schema.h"
#include "small_index.h"
#include "tracuu/indexer/searcher.h"
#include "tracuu_run.h"

namespace fs = std::filesystem;
using tracuu::indexer::Searcher;
using tracuu::indexer::SearchRequest;
using tracuu::indexer::SearchResult;

namespace {

constexpr std::size_t kWhole = std::numeric_limits<std::size_t>::max();

// Own sample paragraphs: numbers, dates, document numbers, abbreviations, places, and a word
// ("công tác") split by a line end, which only a whole-text analysis would join.
const char* const kParagraphs[] = {
    "Ủy ban nhân dân tỉnh Lào Cai tổ chức hội nghị triển khai công tác dân vận năm 2024.",
    "Các cấp ủy đảng quán triệt Chỉ thị số 49-CT/TW về xây dựng gia đình thời kỳ mới",
    "Đoàn công tác thăm hỏi, động viên bà con vùng lũ ở huyện Bảo Yên ngày 20/9/2024;",
    "Đồng chí Bí thư Tỉnh ủy yêu cầu đối thoại trực tiếp với nhân dân tại cơ sở",
    "UBND huyện giao phòng Tài nguyên và Môi trường rà soát hồ sơ đất đai của 1.125 hộ dân, "
    "thực hiện công",
    "tác giải phóng mặt bằng theo Kết luận 114-KL/TW trước ngày 30/10"};

// `paragraphs` sample paragraphs, numbered so that the text does not merely repeat.
std::string long_text(std::size_t paragraphs) {
  std::string text;
  for (std::size_t i = 0; i < paragraphs; ++i) {
    if (i) text += '\n';
    text += "Mục " + std::to_string(i / 6 + 1) + " " + kParagraphs[i % 6];
  }
  return text;
}

// Every term of `doc` with its wdf and positions, one line each.
std::vector<std::string> postings(const Xapian::Document& doc) {
  std::vector<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    std::string line = *t + " wdf=" + std::to_string(t.get_wdf()) + " @";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      line += " " + std::to_string(*p);
    out.push_back(line);
  }
  return out;
}

SearchResult search(Searcher& searcher, const std::string& query) {
  SearchRequest r;
  r.query = query;
  r.limit = 20;
  return searcher.search(r);
}

}  // namespace

TEST(LongDocument, IndexedInPiecesHoldsTheWholeTextsTermsAndPositions) {
  auto doc =
      tracuu::test::document("dai", "Báo cáo công tác dân vận của tỉnh Lào Cai", long_text(600));
  Xapian::Document whole = tracuu::indexer::schema::build_document(doc, kWhole);
  for (std::size_t piece : {64, 300, 4096}) {
    Xapian::Document pieces = tracuu::indexer::schema::build_document(doc, piece);
    EXPECT_EQ(postings(pieces), postings(whole)) << "pieces of " << piece << " bytes";
    EXPECT_EQ(pieces.get_data(), whole.get_data());
  }
  // The word cut by a line end is there: the pieces did not split it.
  auto term = whole.termlist_begin();
  term.skip_to("XWcông_tác");
  ASSERT_NE(term, whole.termlist_end());
  EXPECT_EQ(*term, "XWcông_tác");
}

TEST(LongDocument, IndexedInPiecesAnswersSearchesAsIndexedWhole) {
  std::vector<tracuu::corpus::Document> docs{
      tracuu::test::document("dai", "Báo cáo công tác dân vận của tỉnh Lào Cai", long_text(600)),
      tracuu::test::document("ngan", "Hội nghị ở Bảo Yên", long_text(7)),
      tracuu::test::document("khac", "Tin vắn", "Đối thoại với nhân dân về đất đai ở cơ sở.")};
  auto whole_db = tracuu::test::small_index("long-whole", docs, kWhole);
  auto pieces_db = tracuu::test::small_index("long-pieces", docs, 100);
  Searcher whole(tracuu::test::small_index_dir("long-whole").string());
  Searcher pieces(tracuu::test::small_index_dir("long-pieces").string());
  for (std::string query : {"công tác dân vận", "\"giải phóng mặt bằng\"", "cong tac", "49-CT/TW",
                            "Kết luận 114", "ủy ban nhân dân", "\"Mục 97 Đồng chí Bí thư\"",
                            "1.125 hộ dân", "20/9/2024", "Bảo Yên", "đối thoại nhân dân cơ sở"}) {
    SearchResult a = search(whole, query), b = search(pieces, query);
    ASSERT_GT(a.total, 0u) << query;
    EXPECT_EQ(b.total, a.total) << query;
    ASSERT_EQ(b.hits.size(), a.hits.size()) << query;
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(b.hits[i].id, a.hits[i].id) << query;
      EXPECT_DOUBLE_EQ(b.hits[i].score, a.hits[i].score) << query;
      EXPECT_EQ(b.hits[i].snippet, a.hits[i].snippet) << query;
    }
  }
  whole_db.close();
  pieces_db.close();
  fs::remove_all(tracuu::test::small_index_dir("long-whole"));
  fs::remove_all(tracuu::test::small_index_dir("long-pieces"));
}

// A 16 MB text took 783 MB (~49x: ~240 bytes per token for the whole text's tokens and words,
// and copies of the text); 63 MB took 3 GB. Now the text is analyzed a piece at a time and the
// pipeline holds a byte budget of text, so the peak is a few times the text.
TEST(LongDocument, IndexingASixteenMegabyteDocumentStaysWithinBoundedMemory) {
  auto work = tracuu::test::fresh_dir("long-cli");
  fs::create_directories(work);
  const std::size_t paragraphs = 16 * 1024 * 1024 / 110;  // ~116 bytes each
  std::string text =
      long_text(paragraphs) + "\nXã Nậm Xé đón bằng công nhận nông thôn mới kiểu mẫu.";
  ASSERT_GT(text.size(), 16u << 20);
  {
    std::ofstream out(work / "dai.jsonl");
    out << nlohmann::json{{"id", "dai"}, {"title", "Báo cáo tổng hợp"}, {"text", text}}.dump()
        << "\n"
        << nlohmann::json{{"id", "ngan"}, {"title", "Tin vắn"}, {"text", kParagraphs[0]}}.dump()
        << "\n";
  }
  text = std::string();
  auto run = tracuu::test::run_tracuu({"index", "--db", (work / "db").string(), "--shards", "4",
                                       "--batch", "1000", (work / "dai.jsonl").string()},
                                      work);
  ASSERT_EQ(run.exit_code, 0) << run.err;
#if defined(__SANITIZE_ADDRESS__)
  const long kBoundMb = 900;  // ASan's shadow memory and redzones: ~3x
#else
  const long kBoundMb = 300;
#endif
  EXPECT_LT(run.max_rss_mb, kBoundMb) << "peak RSS in MB";
  Searcher searcher((work / "db").string());
  EXPECT_EQ(searcher.document_count(), 2u);
  SearchResult found = search(searcher, "\"nông thôn mới kiểu mẫu\"");
  ASSERT_EQ(found.hits.size(), 1u);
  EXPECT_EQ(found.hits[0].id, "dai");
  // Snippets scan the text's start only (snippets.cc): a match from the phrase's words there.
  EXPECT_NE(found.hits[0].snippet.find("<mark>"), std::string::npos) << found.hits[0].snippet;
  EXPECT_EQ(search(searcher, "Lào Cai").total, 2u);
  fs::remove_all(work);
}
