// The server while its index changes or breaks: commits under load, a rebuild, damage.
#include <xapian.h>

#include "server_fixture.h"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace tracuu::test;

TEST_F(ServerFaults, TheReplyCacheDoesNotOutliveARebuild) {
  {  // Many commits, so that the rebuilt index's revisions add up to less than these.
    tracuu::indexer::IndexWriter w(db_.string(), {});
    for (int i = 0; i < 12; ++i) {
      w.upsert(note("cu-" + std::to_string(i), "kế hoạch cũ số " + std::to_string(i)));
      w.commit();
    }
  }
  auto port = start(options());
  const std::string search = "/api/search?q=th%C3%B4ng%20b%C3%A1o";
  auto before = get(port, search).json();
  ASSERT_GE(before["total"].get<int>(), 12);
  ASSERT_EQ(get(port, "/d/cu-3").status, 200);
  const int documents_before = get(port, "/healthz").json()["documents"].get<int>();
  {
    tracuu::indexer::IndexOptions rebuild;
    rebuild.rebuild = true;
    tracuu::indexer::IndexWriter w(db_.string(), rebuild);
    w.upsert(note("moi-1", "kế hoạch mới"));
    w.commit();
  }
  // Handles reopen within a second of a change; give it three.
  nlohmann::json after;
  for (int i = 0; i < 30; ++i) {
    after = get(port, search).json();
    if (after["total"] == 1) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(after["total"], 1) << "answered from the old index: " << after["total"];
  EXPECT_EQ(get(port, "/d/cu-3").status, 404);
  auto health = get(port, "/healthz").json();
  EXPECT_EQ(health["documents"], 1) << "was " << documents_before;
}

TEST_F(ServerFaults, CommitsUnderLoadNeverGiveErrors) {
  for (std::size_t cache : {std::size_t{0}, std::size_t{8} << 20}) {
    auto o = options();
    o.cache_bytes = cache;
    auto port = start(o);
    auto id =
        get(port, "/api/search?q=dan%20van&size=1").json()["hits"][0]["id"].get<std::string>();
    std::atomic<bool> done{false};
    std::atomic<int> commits{0};
    std::thread writer([&] {
      tracuu::indexer::IndexWriter w(db_.string(), {});
      for (int i = 0; !done; ++i) {
        for (int k = 0; k < 10; ++k)
          w.upsert(note("tai-" + std::to_string(i % 5) + "-" + std::to_string(k), "dân vận khéo"));
        w.commit();
        ++commits;
        std::this_thread::sleep_for(500ms);
      }
    });
    const std::vector<std::string> uris{"/api/search?q=d%C3%A2n%20v%E1%BA%ADn",
                                        "/api/suggest?q=dan%20v",
                                        "/api/facets",
                                        "/api/documents/" + id,
                                        "/api/directives/114%2FKL-TW",
                                        "/d/" + id,
                                        "/directive/49-CT%2FTW",
                                        "/search?q=d%C3%A2n",
                                        "/",
                                        "/healthz",
                                        "/metrics"};
    std::vector<std::thread> clients;
    std::atomic<int> ok{0}, failed{0};
    std::mutex failures_mutex;
    std::string failures;
    auto until = std::chrono::steady_clock::now() + 5s;
    for (int t = 0; t < 4; ++t) {
      clients.emplace_back([&, t] {
        for (std::size_t i = t; std::chrono::steady_clock::now() < until; ++i) {
          auto g = get(port, uris[i % uris.size()]);
          if (g.status == 200) {
            ++ok;
            continue;
          }
          ++failed;
          std::lock_guard lock(failures_mutex);
          failures += uris[i % uris.size()] + " " + std::to_string(g.status) + " " + g.body + "\n";
        }
      });
    }
    for (auto& c : clients) c.join();
    done = true;
    writer.join();
    EXPECT_GE(commits.load(), 5);
    EXPECT_GT(ok.load(), 50);
    EXPECT_EQ(failed.load(), 0) << "cache " << cache << "\n" << failures.substr(0, 2000);
    server_.reset();
  }
}

TEST_F(ServerFaults, HealthzRunsAQueryAndReportsADamagedIndex) {
  CapturedLog captured;
  auto port = start(options());
  ASSERT_EQ(get(port, "/healthz").json()["status"], "ok");
  // Every shard's posting lists overwritten with junk, as a failing disk or a bad copy leaves
  // them (same size, so only reading the blocks tells).
  int damaged = 0;
  for (const auto& entry : fs::recursive_directory_iterator(db_)) {
    if (entry.path().filename() != "postlist.glass") continue;
    std::ofstream(entry.path(), std::ios::binary | std::ios::in | std::ios::out)
        << std::string(fs::file_size(entry.path()), 'x');
    ++damaged;
  }
  ASSERT_GT(damaged, 0);
  auto health = get(port, "/healthz");
  EXPECT_EQ(health.status, 503) << health.body;
  auto j = health.json();
  EXPECT_EQ(j["status"], "error") << health.body;
  EXPECT_FALSE(j["reason"].get<std::string>().empty()) << health.body;
  auto search = get(port, "/api/search?q=k%E1%BA%BF%20ho%E1%BA%A1ch");
  EXPECT_EQ(search.status, 503) << search.body;
  EXPECT_NE(captured.text().find("Database"), std::string::npos)
      << "the log carries Xapian's own message: " << captured.text();
}

TEST_F(ServerFaults, ADocumentWhoseStoredDataDoesNotParseIsAServerError) {
  // A record written over by something that is not this program's JSON (in a shard, not the
  // lexicon, which holds no documents).
  for (const auto& entry : fs::directory_iterator(db_)) {
    if (!fs::exists(entry.path() / "iamglass") ||
        entry.path().filename().string().starts_with("lexicon"))
      continue;
    Xapian::WritableDatabase shard(entry.path().string(), Xapian::DB_OPEN);
    Xapian::Document doc;
    doc.add_boolean_term("Qhong-du-lieu");
    doc.set_data("{\"id\": \"hong-du-lieu\", \"title\": ");
    shard.replace_document("Qhong-du-lieu", doc);
    shard.commit();
    break;
  }
  CapturedLog captured;
  auto port = start(options());
  auto api = get(port, "/api/documents/hong-du-lieu");
  EXPECT_EQ(api.status, 503) << api.body;
  EXPECT_EQ(api.json()["error"]["code"], "index_corrupt") << api.body;
  auto page = get(port, "/d/hong-du-lieu");
  EXPECT_EQ(page.status, 503);
  EXPECT_NE(page.raw.getContentType().find("text/html"), std::string::npos);
  EXPECT_NE(captured.text().find("hong-du-lieu"), std::string::npos) << captured.text();
}

// An older version's index swapped in under a running server (its shards record no schema):
// every request is a 503 that tells the administrator to rebuild, never wrong answers.
TEST_F(ServerFaults, AnIndexOfAnotherSchemaAsksForARebuild) {
  auto port = start(options());
  ASSERT_EQ(get(port, "/api/search?q=k%E1%BA%BF%20ho%E1%BA%A1ch").status, 200);
  for (const auto& entry : fs::directory_iterator(db_)) {
    if (!fs::exists(entry.path() / "iamglass")) continue;
    Xapian::WritableDatabase shard(entry.path().string(), Xapian::DB_OPEN);
    shard.set_metadata("tracuu.schema", "");
    shard.commit();
  }
  Got api;
  for (int i = 0; i < 30; ++i) {  // handles reopen within a second of a change
    api = get(port, "/api/search?q=k%E1%BA%BF%20ho%E1%BA%A1ch&size=3");
    if (api.status != 200) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(api.status, 503) << api.body;
  EXPECT_EQ(api.json()["error"]["code"], "index_schema") << api.body;
  auto page = get(port, "/search?q=d%C3%A2n");
  EXPECT_EQ(page.status, 503);
  EXPECT_NE(page.body.find("cần dựng lại chỉ mục"), std::string::npos) << page.body;
}
