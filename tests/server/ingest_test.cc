// The write API end to end: uploads of every format `tracuu index` reads, JSON records,
// replacement, deletion, duplicates, the change feed, and each refusal (401, 403, 405, 413, 415,
// 429, 503) as a client sees it; a real server on an ephemeral loopback port.
#include <atomic>
#include <set>
#include <thread>

#include "../fixtures/pdf_fixtures.h"
#include "ingest_fixture.h"
#include "raw_http.h"

namespace fs = std::filesystem;
using tracuu::test::encode;
using tracuu::test::hit_ids;
using tracuu::test::IngestServer;
using tracuu::test::kMultipart;
using tracuu::test::multipart;
using tracuu::test::record;
using tracuu::test::send;

namespace {

std::string fixture(const std::string& name) {
  return tracuu::test::slurp_file(fs::path(TRACUU_SOURCE_DIR) / "tests/fixtures/formats" / name);
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

TEST_F(IngestServer, AJsonRecordIsSearchableWhenTheReplyArrivesAndTheReplyIsItsRecord) {
  auto port = start();
  auto r =
      send(port, "POST", "/api/documents", writer_, "application/json",
           record("Kế hoạch nạo vét kênh mương Đồng Xoài",
                  "Ủy ban xã tổ chức nạo vét kênh mương trước mùa mưa lũ năm nay.", "kh-nao-vet"));
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["id"], "kh-nao-vet");
  EXPECT_EQ(r.head.get("Location", ""), "/api/documents/kh-nao-vet");
  // The reply's record is the one GET gives, byte for byte.
  auto got = send(port, "GET", "/api/documents/kh-nao-vet");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(j["document"], got.json());
  EXPECT_EQ(j["document"]["title"], "Kế hoạch nạo vét kênh mương Đồng Xoài");
  // Searchable at once, accentless too: no waiting for the pool's once-a-second check.
  EXPECT_TRUE(contains(hit_ids(port, "nạo vét kênh mương"), "kh-nao-vet"));
  EXPECT_TRUE(contains(hit_ids(port, "nao vet kenh muong"), "kh-nao-vet"));
}

TEST_F(IngestServer, EachFormatTheIndexerReadsCanBeUploadedAndFound) {
  auto port = start();
  struct Case {
    const char* file;
    const char* content_type;
  } cases[] = {
      {"ke-hoach-01.docx",
       "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {"ke-hoach-02.doc", "application/msword"},
      {"ke-hoach-03.odt", "application/vnd.oasis.opendocument.text"},
      {"ke-hoach-04.vni.txt", "text/plain"},
      {"ke-hoach-05.tcvn3.txt", "text/plain"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    auto r = send(port, "POST", "/api/documents", writer_, kMultipart,
                  multipart(c.file, fixture(c.file)));
    ASSERT_EQ(r.status, 201) << r.body;
    auto doc = r.json()["document"];
    EXPECT_EQ(doc["original"]["name"], c.file);
    EXPECT_EQ(doc["original"]["content_type"], c.content_type);
    EXPECT_EQ(doc["original"]["url"], "/files/" + r.json()["id"].get<std::string>());
    // The legacy encodings were converted: the title reads as Vietnamese, and finds it.
    std::string title = doc["title"];
    EXPECT_FALSE(title.empty());
    EXPECT_TRUE(contains(hit_ids(port, "\"" + title + "\""), r.json()["id"])) << title;
    auto file = send(port, "GET", "/files/" + r.json()["id"].get<std::string>());
    EXPECT_EQ(file.body, fixture(c.file));
  }
}

TEST_F(IngestServer, APdfWithATextLayerIsUploadedWithItsPages) {
  auto port = start();
  auto bytes = tracuu::test::slurp_file(tracuu::test::pdf_fixtures() / "ke-hoach-01.pdf");
  auto r = send(port, "POST", "/api/documents", writer_, kMultipart,
                multipart("Kế hoạch 01.pdf", bytes));
  ASSERT_EQ(r.status, 201) << r.body;
  auto doc = r.json()["document"];
  EXPECT_EQ(doc["original"]["name"], "Kế hoạch 01.pdf");
  EXPECT_EQ(doc["original"]["content_type"], "application/pdf");
  EXPECT_GE(doc["pages"].get<int>(), 1);
  EXPECT_TRUE(
      contains(hit_ids(port, "\"" + doc["title"].get<std::string>() + "\""), r.json()["id"]));
}

TEST_F(IngestServer, FormFieldsCorrectWhatExtractionFound) {
  auto port = start();
  auto r = send(port, "POST", "/api/documents", writer_, kMultipart,
                multipart("ke-hoach-03.odt", fixture("ke-hoach-03.odt"), {{"date", "2024-03-15"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["document"]["date"], "2024-03-15");
}

TEST_F(IngestServer, TheSameFileTwiceAnswersWithTheExistingId) {
  auto port = start();
  auto body = multipart("ke-hoach-01.docx", fixture("ke-hoach-01.docx"));
  auto first = send(port, "POST", "/api/documents", writer_, kMultipart, body);
  ASSERT_EQ(first.status, 201) << first.body;
  // Under another name too: the file's SHA-256 decides.
  auto again = send(port, "POST", "/api/documents", writer_, kMultipart,
                    multipart("ban sao.docx", fixture("ke-hoach-01.docx")));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["id"], first.json()["id"]);
  EXPECT_EQ(again.json()["duplicate"], true);
  EXPECT_EQ(again.json()["document"]["original"]["name"], "ke-hoach-01.docx");
  auto changes = send(port, "GET", "/api/changes").json()["changes"];
  EXPECT_EQ(changes.size(), 1u);  // nothing was written the second time
}

TEST_F(IngestServer, PutReplacesADocumentAndTheOldTextIsNoLongerFound) {
  auto port = start();
  ASSERT_TRUE(contains(hit_ids(port, "trồng cây"), "seed-2"));
  auto r = send(port, "PUT", "/api/documents/seed-2", writer_, "application/json",
                record("Báo cáo kết quả phòng chống cháy rừng",
                       "Các tổ đội tuần tra phòng chống cháy rừng suốt mùa khô."));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["document"]["title"], "Báo cáo kết quả phòng chống cháy rừng");
  EXPECT_FALSE(contains(hit_ids(port, "trồng cây"), "seed-2"));
  EXPECT_TRUE(contains(hit_ids(port, "cháy rừng"), "seed-2"));
  // A PUT to a new id creates it.
  auto created = send(port, "PUT", "/api/documents/moi-1", writer_, "application/json",
                      record("Thông báo nghỉ lễ", "Cơ quan nghỉ lễ theo quy định."));
  EXPECT_EQ(created.status, 201) << created.body;
  // A body naming another id than the path is refused.
  auto conflict = send(port, "PUT", "/api/documents/moi-1", writer_, "application/json",
                       record("Thông báo", "Nội dung.", "khac"));
  EXPECT_EQ(conflict.status, 400);
}

TEST_F(IngestServer, DeleteAnswers204ThenTheDocumentIsGone) {
  auto port = start();
  auto r = send(port, "DELETE", "/api/documents/seed-1", writer_);
  EXPECT_EQ(r.status, 204);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1").status, 404);
  EXPECT_FALSE(contains(hit_ids(port, "tiếp công dân"), "seed-1"));
  EXPECT_EQ(send(port, "DELETE", "/api/documents/seed-1", writer_).status, 404);
}

TEST_F(IngestServer, PostingAnExistingIdIsAConflict) {
  auto port = start();
  auto r = send(port, "POST", "/api/documents", writer_, "application/json",
                record("Trùng mã", "Văn bản khác mang mã đã có.", "seed-1"));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1").json()["title"],
            "Thông báo lịch tiếp công dân tháng Ba");
}

TEST_F(IngestServer, NoTokenOrAnUnknownOneIs401WithTheBearerChallenge) {
  auto port = start();
  auto body = record("Không được ghi", "Không có mã truy cập.");
  for (const std::string& token :
       std::vector<std::string>{"", "tracuu_khong-phai-ma-that", writer_ + "x"}) {
    auto r = send(port, "POST", "/api/documents", token, "application/json", body);
    EXPECT_EQ(r.status, 401) << token;
    EXPECT_EQ(r.head.get("WWW-Authenticate", "").rfind("Bearer", 0), 0u);
    EXPECT_EQ(r.json()["error"]["code"], "unauthorized");
  }
  EXPECT_EQ(send(port, "DELETE", "/api/documents/seed-1").status, 401);
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1").status, 200);  // reads stay open
}

TEST_F(IngestServer, AReadOnlyTokenIs403) {
  auto port = start();
  auto r = send(port, "POST", "/api/documents", reader_, "application/json",
                record("Không được ghi", "Mã chỉ đọc."));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["error"]["code"], "forbidden");
  EXPECT_EQ(send(port, "DELETE", "/api/documents/seed-1", reader_).status, 403);
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1").status, 200);
}

TEST_F(IngestServer, ARemovedTokenStopsWorkingWithoutARestart) {
  auto port = start();
  tracuu::indexer::TokenStore(db_).remove("wiki-noi-bo");
  EXPECT_EQ(send(port, "DELETE", "/api/documents/seed-1", writer_).status, 401);
}

TEST_F(IngestServer, ABodyOverTheLimitIs413BeforeItIsRead) {
  auto o = options();
  o.max_upload_bytes = 1 << 20;
  auto port = start(o);
  // Content-Length alone decides: the server answers without waiting for 2 MB that never come.
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest req("POST", "/api/documents", Poco::Net::HTTPMessage::HTTP_1_1);
  req.set("Authorization", "Bearer " + writer_);
  req.setContentType(kMultipart);
  req.setContentLength(2 << 20);
  session.sendRequest(req);
  Poco::Net::HTTPResponse res;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(res), body);
  EXPECT_EQ(res.getStatus(), 413);
  EXPECT_NE(body.find("too_large"), std::string::npos);
  EXPECT_NE(body.find("1 MB"), std::string::npos);
  // A body that is sent whole is refused too.
  auto big = send(port, "POST", "/api/documents", writer_, kMultipart,
                  multipart("lon.txt", std::string(1100000, 'a')));
  EXPECT_EQ(big.status, 413);
}

TEST_F(IngestServer, AFileTracuuCannotReadIs415) {
  auto port = start();
  std::string binary("\x00\x01\x02\x03 not a document \x00\xff", 22);
  auto r =
      send(port, "POST", "/api/documents", writer_, kMultipart, multipart("bang-tinh.bin", binary));
  EXPECT_EQ(r.status, 415) << r.body;
  EXPECT_EQ(r.json()["error"]["code"], "unsupported_type");
  // A content type other than JSON or multipart.
  EXPECT_EQ(send(port, "POST", "/api/documents", writer_, "text/plain", "chữ").status, 415);
  // A damaged Word file is readable by type but holds no document.
  auto bad = send(port, "POST", "/api/documents", writer_, kMultipart,
                  multipart("hong.docx", fixture("bad-corrupt.docx")));
  EXPECT_EQ(bad.status, 422) << bad.body;
}

TEST_F(IngestServer, WithoutWritesEveryWriteMethodIs405) {
  auto o = options();
  o.writes = false;
  auto port = start(o);
  const std::pair<const char*, const char*> writes[] = {{"POST", "/api/documents"},
                                                        {"PUT", "/api/documents/seed-1"},
                                                        {"DELETE", "/api/documents/seed-1"},
                                                        {"PATCH", "/api/documents/seed-1"}};
  for (const auto& [method, uri] : writes) {
    auto r = send(port, method, uri, writer_, "application/json", record("a", "b"));
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.head.get("Allow", ""), "GET, HEAD");
  }
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1").status, 200);
}

TEST_F(IngestServer, WritesElsewhereThanTheDocumentsAre405) {
  auto port = start();
  EXPECT_EQ(send(port, "POST", "/api/search", writer_, "application/json", "{}").status, 405);
  // PATCH corrects one document (upload_page_test.cc); the collection takes only POST.
  auto patch = send(port, "PATCH", "/api/documents", writer_, "application/json", "{}");
  EXPECT_EQ(patch.status, 405);
  EXPECT_EQ(patch.head.get("Allow", ""), "POST");
  auto post = send(port, "POST", "/api/documents/seed-1", writer_, "application/json", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.head.get("Allow", ""), "GET, HEAD, PUT, PATCH, DELETE");
  EXPECT_EQ(send(port, "GET", "/api/documents", writer_).status, 404);
}

TEST_F(IngestServer, TheChangeFeedListsEachWriteWithItsTokenName) {
  auto port = start();
  ASSERT_EQ(send(port, "POST", "/api/documents", writer_, "application/json",
                 record("Thông báo họp tổ dân phố", "Họp tổ dân phố vào tối thứ Bảy.", "hop-1"))
                .status,
            201);
  ASSERT_EQ(send(port, "PUT", "/api/documents/hop-1", writer_, "application/json",
                 record("Thông báo họp tổ dân phố (sửa)", "Họp tổ dân phố vào tối Chủ nhật."))
                .status,
            200);
  ASSERT_EQ(send(port, "DELETE", "/api/documents/hop-1", writer_).status, 204);
  auto j = send(port, "GET", "/api/changes?since=0").json();
  ASSERT_EQ(j["changes"].size(), 3u);
  const char* actions[] = {"added", "replaced", "deleted"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(j["changes"][i]["rev"], i + 1);
    EXPECT_EQ(j["changes"][i]["action"], actions[i]);
    EXPECT_EQ(j["changes"][i]["id"], "hop-1");
    EXPECT_EQ(j["changes"][i]["token"], "wiki-noi-bo");
    EXPECT_EQ(j["changes"][i]["time"].get<std::string>().size(), 24u);  // 2026-12-02T12:00:00.000Z
  }
  EXPECT_EQ(j["last"], 3);
  auto later = send(port, "GET", "/api/changes?since=2").json();
  ASSERT_EQ(later["changes"].size(), 1u);
  EXPECT_EQ(later["changes"][0]["action"], "deleted");
  EXPECT_EQ(send(port, "GET", "/api/changes?since=-1").status, 400);
  // The feed is on disk: a new server reads the same.
  server_.reset();
  port = start();
  EXPECT_EQ(send(port, "GET", "/api/changes").json()["changes"].size(), 3u);
}

TEST_F(IngestServer, ATokenOverItsRateIs429WithRetryAfter) {
  auto o = options();
  o.writes_per_minute = 2;
  auto port = start(o);
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(send(port, "DELETE", "/api/documents/khong-co-" + std::to_string(i), writer_).status,
              404);
  auto r = send(port, "DELETE", "/api/documents/seed-1", writer_);
  EXPECT_EQ(r.status, 429);
  EXPECT_GE(std::stoi(r.head.get("Retry-After", "0")), 1);
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1").status, 200);
}

TEST_F(IngestServer, AWriteWaitsBoundedlyForAnotherWriterThen503) {
  auto o = options();
  o.write_lock_wait_ms = 300;
  auto port = start(o);
  {
    tracuu::indexer::IndexWriter other(db_.string(), {});  // a `tracuu index` run in progress
    auto r = send(port, "DELETE", "/api/documents/seed-1", writer_);
    EXPECT_EQ(r.status, 503);
    EXPECT_EQ(r.json()["error"]["code"], "index_busy");
    EXPECT_FALSE(r.head.get("Retry-After", "").empty());
  }
  EXPECT_EQ(send(port, "DELETE", "/api/documents/seed-1", writer_).status, 204);
}

TEST_F(IngestServer, WithReadTokenEveryReadNeedsAToken) {
  auto o = options();
  o.read_token = true;
  auto port = start(o);
  auto r = send(port, "GET", "/api/search?q=c%C3%B4ng%20d%C3%A2n");
  EXPECT_EQ(r.status, 401);
  EXPECT_FALSE(r.head.get("WWW-Authenticate", "").empty());
  EXPECT_EQ(send(port, "GET", "/d/seed-1").status, 401);
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1", "tracuu_sai").status, 401);
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1", reader_).status, 200);
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1", writer_).status, 200);
  // A reply cached for a token holder is not given to anyone else.
  EXPECT_EQ(send(port, "GET", "/api/documents/seed-1").status, 401);
  EXPECT_EQ(send(port, "GET", "/healthz").status, 200);
}

TEST_F(IngestServer, ConcurrentUploadsWhileSearchingGiveNoErrors) {
  auto port = start();
  std::atomic<int> errors{0}, searches{0};
  std::atomic<bool> done{false};
  std::vector<std::thread> searchers;
  for (int t = 0; t < 3; ++t)
    searchers.emplace_back([&] {
      while (!done) {
        if (send(port, "GET", "/api/search?q=th%C3%B4ng%20b%C3%A1o").status != 200) ++errors;
        ++searches;
      }
    });
  std::vector<std::thread> writers;
  constexpr int kWriters = 3, kEach = 6;
  for (int t = 0; t < kWriters; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string n = std::to_string(t) + "-" + std::to_string(i);
        auto r = send(port, "POST", "/api/documents", writer_, "application/json",
                      record("Thông báo số " + n, "Nội dung thông báo đồng thời số " + n + ".",
                             "dong-thoi-" + n));
        if (r.status != 201) ++errors;
      }
    });
  for (auto& w : writers) w.join();
  done = true;
  for (auto& s : searchers) s.join();
  EXPECT_EQ(errors, 0);
  EXPECT_GT(searches, 0);
  auto j =
      send(port, "GET",
           "/api/search?q=%22th%C3%B4ng%20b%C3%A1o%20%C4%91%E1%BB%93ng%20th%E1%BB%9Di%22&size=100")
          .json();
  EXPECT_EQ(j["total"], kWriters * kEach);
  EXPECT_EQ(send(port, "GET", "/api/changes").json()["changes"].size(),
            static_cast<std::size_t>(kWriters * kEach));
}

TEST_F(IngestServer, UploadsResolveShortNamesAcrossTheArchiveAsIndexRunsDo) {
  auto port = start();
  auto citing = [&](const std::string& number) {
    std::set<std::string> ids;
    auto j = send(port, "GET", "/api/search?directive=" + encode(number)).json();
    for (const auto& h : j["hits"]) ids.insert(h["id"].get<std::string>());
    return ids;
  };
  ASSERT_EQ(send(port, "POST", "/api/documents", writer_, "application/json",
                 record("Xã Phong Dụ quán triệt Chỉ thị 49",
                        "Đảng ủy xã Phong Dụ học tập Chỉ thị 49 của Ban Bí thư.", "phong-du"))
                .status,
            201);
  EXPECT_TRUE(citing("49-CT/TW").empty());  // nothing says which 49 yet
  ASSERT_EQ(send(port, "POST", "/api/documents", writer_, "application/json",
                 record("Văn Yên thực hiện Chỉ thị 49-CT/TW",
                        "Huyện ủy ban hành kế hoạch thực hiện Chỉ thị số 49-CT/TW của Ban Bí thư.",
                        "van-yen"))
                .status,
            201);
  EXPECT_EQ(citing("49-CT/TW"), (std::set<std::string>{"phong-du", "van-yen"}));
  ASSERT_EQ(send(port, "POST", "/api/documents", writer_, "application/json",
                 record("Các sở thực hiện Chỉ thị 49/CT-TTg",
                        "Các sở, ngành thực hiện Chỉ thị số 49/CT-TTg của Thủ tướng.", "so-nganh"))
                .status,
            201);
  EXPECT_EQ(citing("49-CT/TW"), (std::set<std::string>{"van-yen"}));  // ambiguous again
}

TEST_F(IngestServer, AWriteWithoutContentLengthIs411NotAHang) {
  auto port = start();
  auto reply = tracuu::test::raw_exchange(
      port, "POST /api/documents HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + writer_ +
                "\r\nContent-Type: application/json\r\n\r\n{\"title\": \"a\", \"text\": \"b\"}");
  EXPECT_EQ(tracuu::test::status_line(reply), "HTTP/1.1 411 Length Required");
  EXPECT_NE(reply.find("length_required"), std::string::npos);
}

TEST_F(IngestServer, ScansAreReadByOcrAndWebPagesByTheirMarkup) {
  auto port = start();
  auto fixtures = tracuu::test::pdf_fixtures();
  for (const char* scan : {"ke-hoach-01-scan.pdf", "ke-hoach-01-scan.png"}) {
    SCOPED_TRACE(scan);
    auto r = send(port, "POST", "/api/documents", writer_, kMultipart,
                  multipart(scan, tracuu::test::slurp_file(fixtures / scan)));
    ASSERT_TRUE(r.status == 201 || r.status == 200) << r.body;  // the PNG reads as the PDF did
    auto doc = r.json()["document"];
    EXPECT_GE(doc["ocr"]["pages"].get<int>(), 1);
    EXPECT_EQ(doc["original"]["name"], scan);
    EXPECT_TRUE(contains(hit_ids(port, "Si Ma Cai"), r.json()["id"]));
  }
  auto html = tracuu::test::slurp_file(fs::path(TRACUU_SOURCE_DIR) / "data/sample/tin-08.html");
  auto r =
      send(port, "POST", "/api/documents", writer_, kMultipart, multipart("tin-08.html", html));
  ASSERT_EQ(r.status, 201) << r.body;
  auto doc = r.json()["document"];
  EXPECT_EQ(doc["title"], "Nghệ An đẩy mạnh thực hiện Kết luận 114-KL/TW");
  EXPECT_EQ(doc["date"], "2022-05-06");
  EXPECT_TRUE(doc["original"].is_null()) << "a UTF-8 page's record is its text: no copy kept";
  EXPECT_TRUE(contains(hit_ids(port, "Nghệ An Kết luận 114"), r.json()["id"]));
}
