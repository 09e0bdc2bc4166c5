// The writer: documents are extracted and turned into Xapian documents on all cores; one thread
// per shard writes them and commits each batch (a kill -9 loses at most the batches in flight).
#include "tracuu/indexer/index_writer.h"

#include <xapian.h>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "schema.h"
#include "shards.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {
namespace {

// Unprefixed terms (normalized syllables) feed Xapian's spelling dictionary ("did you mean")
// and the fold -> accented-form synonyms used to restore accents. Collected by the thread that
// built the document, so the writer threads only count them.
std::vector<std::string> spelling_terms(const Xapian::Document& xdoc) {
  std::vector<std::string> out;
  for (auto it = xdoc.termlist_begin(); it != xdoc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z') || term.size() > 40) continue;
    if (std::isdigit(static_cast<unsigned char>(term[0]))) continue;
    out.push_back(term);
  }
  return out;
}

// One glass database and what its writer has pending. Used by one thread at a time.
struct Shard {
  Xapian::WritableDatabase db;
  // Counted in memory and written once per batch: far fewer calls into the database than one
  // per document term.
  std::unordered_map<std::string, Xapian::termcount> pending_spellings;
  std::unordered_set<std::string> accent_pairs;  // already written in this session
  std::vector<const std::string*> new_terms;     // keys added to pending_spellings since commit

  void add(const std::string& id, const Xapian::Document& xdoc,
           const std::vector<std::string>& spellings, IndexStats& stats) {
    std::string id_term = schema::kId + id;
    bool existed = db.term_exists(id_term);
    for (const auto& t : spellings) {
      auto [it, fresh] = pending_spellings.try_emplace(t, 0);
      ++it->second;
      if (fresh) new_terms.push_back(&it->first);  // element references survive rehashing
    }
    db.replace_document(id_term, xdoc);
    ++(existed ? stats.updated : stats.added);
  }

  // Synonyms (folded -> accented form) go out with every batch: accentless queries need them
  // to find the batch's documents. Spelling counts may wait (`with_spelling` false): Xapian
  // rewrites the spelling table's fragment lists on each commit that touches them, and "did you
  // mean" can lag a few batches behind.
  void commit(bool with_spelling = true) {
    for (const std::string* term : new_terms) {
      std::string folded = tokenizer::fold(*term);
      if (folded != *term && accent_pairs.insert(folded + '\t' + *term).second)
        db.add_synonym(folded, *term);
    }
    new_terms.clear();
    if (with_spelling) {
      for (const auto& [term, count] : pending_spellings) db.add_spelling(term, count);
      pending_spellings.clear();
    }
    db.commit();
  }
};

Xapian::WritableDatabase open_shard(const std::string& path, bool overwrite) {
  try {
    return Xapian::WritableDatabase(
        path, overwrite ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error("database " + path +
                             " is locked by another writer (is another `tracuu index` running?)");
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("cannot open database " + path + ": " + e.get_description());
  }
}

}  // namespace

struct IndexWriter::Impl {
  std::string root;  // the index directory
  std::vector<Shard> shards;
  IndexOptions options;
  IndexStats stats;

  Shard& shard_for(const std::string& id) { return shards[shards::shard_of(id, shards.size())]; }

  // All shards as one database: combined docid d lives in shard (d-1) % n as docid (d-1)/n + 1.
  Xapian::Database combined() const {
    Xapian::Database all;
    for (const auto& s : shards) all.add_database(s.db);
    return all;
  }

  void commit() {
    for (auto& s : shards) s.commit();
  }
};

IndexWriter::IndexWriter(const std::string& db_path, const IndexOptions& options)
    : impl_(std::make_unique<Impl>()) {
  namespace fs = std::filesystem;
  impl_->options = options;
  impl_->root = db_path;
  std::vector<std::string> paths;
  try {
    fs::create_directories(db_path);
    bool had_index = shards::exists(db_path);
    if (options.rebuild && had_index) {
      // Only what Xapian and this program wrote there: never someone else's files.
      for (const auto& p : shards::list(db_path))
        if (p != db_path) fs::remove_all(p);
      shards::remove_glass_files(db_path);
      fs::remove(fs::path(db_path) / shards::kStubName);
      had_index = false;
    }
    paths = had_index ? shards::list(db_path) : std::vector<std::string>{};
    // A stub of someone else's making (remote shards, other backends) is left as it is.
    if (had_index && paths.empty())
      throw std::runtime_error("index " + db_path + " (" + shards::kStubName +
                               ") names no local glass shards this program can write");
    if (paths.empty()) {
      unsigned n =
          options.shards ? options.shards : std::max(1u, std::thread::hardware_concurrency());
      paths = shards::create(db_path, std::min(n, 64u));
    }
  } catch (const fs::filesystem_error& e) {
    throw std::runtime_error("cannot create " + db_path + ": " + e.what());
  }
  impl_->shards.resize(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) impl_->shards[i].db = open_shard(paths[i], false);
}

IndexWriter::~IndexWriter() {
  try {
    impl_->commit();
  } catch (...) {  // destructors must not throw; committed batches are already safe
  }
}

bool IndexWriter::upsert(const corpus::Document& doc) {
  Xapian::Document xdoc = schema::build_document(doc);
  IndexStats stats;
  impl_->shard_for(doc.id).add(doc.id, xdoc, spelling_terms(xdoc), stats);
  return stats.updated > 0;
}

bool IndexWriter::remove(const std::string& id) {
  Shard& shard = impl_->shard_for(id);
  std::string id_term = schema::kId + id;
  if (!shard.db.term_exists(id_term)) return false;
  shard.db.delete_document(id_term);
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
  impl_->commit();  // the combined view reads what the shards have committed
  Xapian::Database db = impl_->combined();
  const std::size_t n = impl_->shards.size();
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
      impl_->shards[(docid - 1) % n].db.replace_document((docid - 1) / n + 1,
                                                         schema::build_document(doc));
      ++changed;
    }
  }
  impl_->commit();
  return changed;
}

std::uintmax_t IndexWriter::compact() {
  namespace fs = std::filesystem;
  impl_->commit();
  fs::path root(impl_->root);
  std::vector<std::string> old = shards::list(impl_->root);
  // A fresh name, so the stub never names a half-written database.
  std::string name;
  for (int i = 0;; ++i) {
    name = "compact" + std::to_string(i);
    if (!fs::exists(root / name)) break;
  }
  impl_->combined().compact((root / name).string());
  // Switch: the stub first (atomically), then the old databases go.
  impl_->shards.clear();  // releases their write locks
  shards::point_to(impl_->root, {name});
  for (const auto& p : old) {
    if (p == impl_->root) {
      shards::remove_glass_files(impl_->root);
    } else {
      fs::remove_all(p);
    }
  }
  impl_->shards.resize(1);
  impl_->shards[0].db = open_shard((root / name).string(), false);
  std::uintmax_t bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(root / name))
    if (e.is_regular_file()) bytes += e.file_size();
  return bytes;
}

IndexStats IndexWriter::index_paths(const std::vector<std::string>& paths) {
  auto started = std::chrono::steady_clock::now();
  IndexStats& stats = impl_->stats;
  const auto& opts = impl_->options;
  std::mutex report_mutex;  // stats, errors and progress come from several threads
  auto report_error = [&](const std::string& origin, const std::string& reason) {
    std::lock_guard lock(report_mutex);
    if (opts.on_error) opts.on_error(origin, reason);
  };
  std::size_t bytes_total = 0;
  for (const auto& path : paths) bytes_total += corpus::content_bytes_hint(path);
  // 0 when the size cannot be known up front (stdin); never below what is done.
  auto known_total = [&](std::size_t done) {
    return bytes_total ? std::max(bytes_total, done) : 0;
  };
  unsigned threads =
      opts.threads ? opts.threads : std::max(1u, std::thread::hardware_concurrency());
  const auto& extractor = corpus::Extractor::shared();
  const std::size_t batch = std::max<std::size_t>(1, opts.batch_size);
  const std::size_t n_shards = impl_->shards.size();
  // One input document on its way: read, then extracted and built by a worker, then written
  // by its shard's writer.
  struct Slot {
    corpus::RawDocument raw;
    std::string id;
    Xapian::Document xdoc;
    std::vector<std::string> spellings;
    std::string error;
    std::size_t shard = 0;
    std::size_t bytes = 0;
    bool ready = false;
  };
  // The input streams through a window of slots: the reader stays at most two batches per shard
  // ahead of the slowest writer, so memory is bounded whatever the input size, and reading,
  // extraction and the database work overlap. Each shard's writer takes its own documents in
  // input order, so the last of two versions of one id wins. A deque keeps references to its
  // elements valid while the reader appends and the writers drop the front.
  std::deque<Slot> window;
  std::size_t base = 0;     // input number of window.front()
  std::size_t read = 0;     // documents read so far
  bool input_done = false;  // the reader has finished
  std::size_t next = 0;     // the next document for a worker
  std::mutex mutex;
  std::condition_variable work_cv, ready_cv, room_cv;
  std::vector<std::size_t> passed(n_shards, 0);  // per writer: documents it has gone past
  auto slowest = [&] { return *std::min_element(passed.begin(), passed.end()); };
  const std::size_t ahead = 2 * batch * n_shards + threads;
  auto reader = [&] {
    for (const auto& path : paths) {
      corpus::read_path(
          path,
          [&](corpus::RawDocument&& raw) {
            std::unique_lock lock(mutex);
            room_cv.wait(lock, [&] { return read < slowest() + ahead; });
            window.emplace_back().raw = std::move(raw);
            ++read;
            lock.unlock();
            work_cv.notify_one();
          },
          [&](const corpus::ReadError& e) {
            if (!e.document_kept) {
              std::lock_guard lock(report_mutex);
              ++stats.failed;
            }
            report_error(e.origin, e.document_kept ? e.reason + " (document kept)" : e.reason);
          });
    }
    {
      std::lock_guard lock(mutex);
      input_done = true;
    }
    work_cv.notify_all();
    ready_cv.notify_all();
  };
  auto worker = [&] {
    for (;;) {
      Slot* slot;
      {
        std::unique_lock lock(mutex);
        work_cv.wait(lock, [&] { return next < read || input_done; });
        if (next >= read) return;
        slot = &window[next++ - base];
      }
      try {
        corpus::Document doc = extractor.extract(slot->raw);
        slot->id = doc.id;
        slot->xdoc = schema::build_document(doc);
        slot->spellings = spelling_terms(slot->xdoc);
        slot->shard = shards::shard_of(slot->id, n_shards);
      } catch (const std::exception& e) {
        slot->error = e.what();
      }
      slot->bytes = slot->raw.content.size();
      slot->raw.content = std::string();
      slot->raw.fields = nlohmann::json();
      {
        std::lock_guard lock(mutex);
        slot->ready = true;
      }
      ready_cv.notify_all();
    }
  };
  std::size_t bytes_done = 0;
  auto writer = [&](std::size_t me) {
    Shard& shard = impl_->shards[me];
    IndexStats mine;
    std::size_t since_commit = 0;
    std::size_t batches = 0;
    auto commit = [&](bool last) {
      // Spelling data every kSpellingEvery batches and at the end (see Shard::commit).
      constexpr std::size_t kSpellingEvery = 16;
      shard.commit(last || ++batches % kSpellingEvery == 0);
      since_commit = 0;
      std::lock_guard lock(report_mutex);
      stats.added += mine.added;
      stats.updated += mine.updated;
      mine = {};
      stats.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (opts.progress) opts.progress(stats, bytes_done, known_total(bytes_done));
    };
    for (std::size_t i = 0;; ++i) {
      Slot* slot;
      bool owned;
      {
        std::unique_lock lock(mutex);
        ready_cv.wait(lock, [&] { return i < read ? window[i - base].ready : input_done; });
        if (i >= read) break;
        slot = &window[i - base];
        // Failed documents are reported once, by the first writer.
        owned = slot->error.empty() ? slot->shard == me : me == 0;
      }
      if (owned && !slot->error.empty()) {
        {
          std::lock_guard lock(report_mutex);
          ++stats.failed;
        }
        report_error(slot->raw.origin, slot->error);
      } else if (owned) {
        shard.add(slot->id, slot->xdoc, slot->spellings, mine);
        slot->xdoc = Xapian::Document();  // the slot itself may wait for the other writers
        slot->spellings = {};
        {
          std::lock_guard lock(report_mutex);
          bytes_done += slot->bytes;
        }
        if (++since_commit == batch) commit(false);
      }
      {
        std::lock_guard lock(mutex);
        passed[me] = i + 1;
        for (std::size_t done = slowest(); base < done; ++base) window.pop_front();
      }
      room_cv.notify_all();
    }
    commit(true);
  };
  std::thread reading(reader);
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  std::vector<std::thread> writers;
  for (std::size_t s = 1; s < n_shards; ++s) writers.emplace_back(writer, s);
  writer(0);
  for (auto& th : writers) th.join();
  for (auto& th : pool) th.join();
  reading.join();
  resolve_short_names();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // The bar ends full: byte counts are of document text, the hint also counts markup.
  if (opts.progress) opts.progress(stats, known_total(bytes_done), known_total(bytes_done));
  return stats;
}

}  // namespace tracuu::indexer
