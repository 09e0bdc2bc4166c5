// The writer: documents are extracted and turned into Xapian documents on all cores; one
// thread writes them and commits each batch (a kill -9 loses at most the batch in flight).
#include "tracuu/indexer/index_writer.h"

#include <xapian.h>

#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <filesystem>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "schema.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  IndexOptions options;
  IndexStats stats;

  // Unprefixed terms (normalized syllables) feed Xapian's spelling dictionary ("did you mean")
  // and the fold -> accented-form synonyms used to restore accents. Counted in memory and
  // written once per batch: far fewer calls into the database than one per document term.
  std::unordered_map<std::string, Xapian::termcount> pending_spellings;
  std::unordered_set<std::string> accent_pairs;  // already written in this session

  void add_spelling(const Xapian::Document& xdoc) {
    for (auto it = xdoc.termlist_begin(); it != xdoc.termlist_end(); ++it) {
      const std::string& term = *it;
      if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z') || term.size() > 40) continue;
      if (std::isdigit(static_cast<unsigned char>(term[0]))) continue;
      ++pending_spellings[term];
    }
  }

  void flush_spellings() {
    for (const auto& [term, count] : pending_spellings) {
      db.add_spelling(term, count);
      std::string folded = tokenizer::fold(term);
      if (folded != term && accent_pairs.insert(folded + '\t' + term).second)
        db.add_synonym(folded, term);
    }
    pending_spellings.clear();
  }

  void commit() {
    flush_spellings();
    db.commit();
  }
};

IndexWriter::IndexWriter(const std::string& db_path, const IndexOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  try {
    std::filesystem::create_directories(db_path);
    impl_->db = Xapian::WritableDatabase(
        db_path, options.rebuild ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error("database " + db_path +
                             " is locked by another writer (is another `tracuu index` running?)");
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("cannot open database " + db_path + ": " + e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    throw std::runtime_error("cannot create " + db_path + ": " + e.what());
  }
}

IndexWriter::~IndexWriter() {
  try {
    impl_->commit();
  } catch (...) {  // destructors must not throw; committed batches are already safe
  }
}

bool IndexWriter::upsert(const corpus::Document& doc) {
  std::string id_term = schema::kId + doc.id;
  bool existed = impl_->db.term_exists(id_term);
  Xapian::Document xdoc = schema::build_document(doc);
  impl_->add_spelling(xdoc);
  impl_->db.replace_document(id_term, xdoc);
  return existed;
}

bool IndexWriter::remove(const std::string& id) {
  std::string id_term = schema::kId + id;
  if (!impl_->db.term_exists(id_term)) return false;
  impl_->db.delete_document(id_term);
  return true;
}

void IndexWriter::commit() { impl_->commit(); }

namespace {

bool names(const std::string& canonical, const std::string& code, const std::string& number) {
  auto d = tokenizer::parse_docnum(canonical);
  return d && d->type_code == code && d->number == number;
}

}  // namespace

std::size_t IndexWriter::resolve_short_names() {
  Xapian::WritableDatabase& db = impl_->db;
  const std::string xr = schema::kShortCited;
  std::vector<std::string> keys;
  for (auto t = db.allterms_begin(xr); t != db.allterms_end(xr); ++t) keys.push_back(*t);
  std::size_t changed = 0;
  for (const std::string& term : keys) {
    std::string key = term.substr(xr.size());
    std::size_t space = key.find(' ');
    if (space == std::string::npos) continue;
    std::string code = key.substr(0, space), number = key.substr(space + 1);
    // The documents naming it, and what each was resolved to before.
    std::vector<std::pair<Xapian::docid, corpus::Document>> docs;
    std::map<std::string, Xapian::doccount> resolved_to;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      auto doc = corpus::document_from_json(nlohmann::json::parse(db.get_document(*p).get_data()));
      for (const auto& c : doc.citations)
        if (c.from_archive && names(c.number, code, number)) ++resolved_to[c.number];
      docs.emplace_back(*p, std::move(doc));
    }
    // Numbers the archive knows for it on its own: cited in full or archived as a text.
    std::set<std::string> known;
    for (const char* prefix : {schema::kCited, schema::kHeaderNumber}) {
      std::string start = std::string(prefix) + number;
      for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
        std::string canonical = (*t).substr(std::strlen(prefix));
        if (!names(canonical, code, number)) continue;
        Xapian::doccount own = t.get_termfreq();
        if (prefix == schema::kCited) own -= std::min(own, resolved_to[canonical]);
        if (own > 0) known.insert(canonical);
      }
    }
    std::string target = known.size() == 1 ? *known.begin() : "";
    for (auto& [docid, doc] : docs) {
      std::string current;
      for (const auto& c : doc.citations)
        if (c.from_archive && names(c.number, code, number)) current = c.number;
      if (current == target) continue;
      std::erase_if(doc.citations, [&](const corpus::Citation& c) {
        return c.from_archive && names(c.number, code, number);
      });
      if (!target.empty()) {
        corpus::Citation c;
        c.number = target;
        c.type = corpus::citation_type_name(code);
        c.from_archive = true;
        doc.citations.push_back(std::move(c));
      }
      db.replace_document(docid, schema::build_document(doc));
      ++changed;
    }
  }
  impl_->commit();
  return changed;
}

IndexStats IndexWriter::index_paths(const std::vector<std::string>& paths) {
  auto started = std::chrono::steady_clock::now();
  IndexStats& stats = impl_->stats;
  const auto& opts = impl_->options;
  auto report_error = [&](const std::string& origin, const std::string& reason) {
    if (opts.on_error) opts.on_error(origin, reason);
  };
  std::vector<corpus::RawDocument> raws;
  std::size_t bytes_total = 0;
  for (const auto& path : paths) {
    corpus::read_path(
        path,
        [&](corpus::RawDocument&& raw) {
          bytes_total += raw.content.size();
          raws.push_back(std::move(raw));
        },
        [&](const corpus::ReadError& e) {
          if (e.reason.find("(document kept)") == std::string::npos) ++stats.failed;
          report_error(e.origin, e.reason);
        });
  }
  unsigned threads = opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto& extractor = corpus::Extractor::shared();
  const std::size_t batch = std::max<std::size_t>(1, opts.batch_size);
  struct Built {
    std::string id;
    Xapian::Document xdoc;
    std::string error;
    bool ready = false;
  };
  // Workers extract and build documents ahead of the writer (at most two batches ahead), so
  // parsing on all cores overlaps with the single writer's database work.
  std::vector<Built> built(raws.size());
  std::mutex mutex;
  std::condition_variable ready_cv, room_cv;
  std::size_t next = 0, written = 0;
  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        room_cv.wait(lock, [&] { return next >= raws.size() || next < written + 2 * batch; });
        if (next >= raws.size()) return;
        i = next++;
      }
      Built b;
      try {
        corpus::Document doc = extractor.extract(raws[i]);
        b.id = doc.id;
        b.xdoc = schema::build_document(doc);
      } catch (const std::exception& e) {
        b.error = e.what();
      }
      b.ready = true;
      {
        std::lock_guard lock(mutex);
        built[i] = std::move(b);
      }
      ready_cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  std::size_t bytes_done = 0;
  for (std::size_t i = 0; i < raws.size(); ++i) {
    Built b;
    {
      std::unique_lock lock(mutex);
      ready_cv.wait(lock, [&] { return built[i].ready; });
      b = std::move(built[i]);
      built[i] = Built{};
    }
    bytes_done += raws[i].content.size();
    raws[i].content.clear();
    raws[i].content.shrink_to_fit();
    if (!b.error.empty()) {
      ++stats.failed;
      report_error(raws[i].origin, b.error);
    } else {
      std::string id_term = schema::kId + b.id;
      bool existed = impl_->db.term_exists(id_term);
      impl_->add_spelling(b.xdoc);
      impl_->db.replace_document(id_term, b.xdoc);
      ++(existed ? stats.updated : stats.added);
    }
    bool batch_end = (i + 1) % batch == 0 || i + 1 == raws.size();
    {
      std::lock_guard lock(mutex);
      written = i + 1;
    }
    room_cv.notify_all();
    if (batch_end) {
      impl_->commit();
      stats.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (opts.progress) opts.progress(stats, bytes_done, bytes_total);
    }
  }
  for (auto& th : pool) th.join();
  resolve_short_names();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return stats;
}

}  // namespace tracuu::indexer
