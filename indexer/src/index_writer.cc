// The writer: documents are extracted and turned into Xapian documents on all cores; one thread
// per shard writes them and commits each batch (a kill -9 loses at most the batches in flight).
// The stages are in pipeline.cc; this file opens, publishes and compacts the shards under the
// index's write lock, and turns Xapian's errors into IndexError.
#include "tracuu/indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "errors.h"
#include "lexicon.h"
#include "pipeline.h"
#include "schema.h"
#include "sha256.h"
#include "shard.h"
#include "shards.h"
#include "tracuu/corpus/reader.h"
#include "tracuu/indexer/originals_store.h"
#include "tracuu/tokenizer/docnum.h"
#include "write_lock.h"

namespace tracuu::indexer {
namespace fs = std::filesystem;

struct IndexWriter::Impl {
  std::string root;  // the index directory
  WriteLock lock;    // first in, last out: held while any shard is open
  std::vector<Shard> shards;
  std::unique_ptr<lexicon::Writer> lexicon_writer;
  std::string unpublished_lexicon;  // a rebuild's, switched to with its shards
  OriginalsStore originals;
  CorrectionStore corrections;  // read at open, under the write lock: no other writer changes it
  // A document went or was replaced since the last sweep of the originals store.
  bool originals_dirty = false;
  IndexOptions options;
  IndexStats stats;
  // A rebuild writes new shards beside the live ones and publish() switches the stub to them.
  std::vector<std::string> unpublished;  // the new shards' names, relative to root
  std::vector<std::string> replaced;     // the live shards they replace
  bool failed = false;                   // index_paths threw: nothing more is committed

  Impl(const std::string& dir, const IndexOptions& opts)
      : root(dir), lock(dir), originals(dir), corrections(dir), options(opts) {}

  Shard& shard_for(const std::string& id) { return shards[shards::shard_of(id, shards.size())]; }

  // All shards as one database: combined docid d lives in shard (d-1) % n as docid (d-1)/n + 1.
  Xapian::Database combined() const {
    Xapian::Database all;
    for (const auto& s : shards) all.add_database(s.db);
    return all;
  }

  void commit() {
    for (auto& s : shards) s.commit();
    if (lexicon_writer) lexicon_writer->commit();
  }

  // The shards' synonyms and spellings go to the lexicon at `path` (the current one by default;
  // an index without one, written before it, gets one merged from its shards' tables first).
  void attach_lexicon(std::string path = {}) {
    lexicon_writer.reset();  // its commit is in, and its Xapian lock released
    if (path.empty()) {
      if (!lexicon::current(root)) lexicon::merge(root, shards::list(root));
      path = *lexicon::current(root);
    }
    lexicon_writer = std::make_unique<lexicon::Writer>(path);
    for (auto& s : shards) s.lexicon = lexicon_writer.get();
  }

  // A stub naming remote shards (alone or beside local ones) is written shard by shard on the
  // shards' own hosts: from here, documents would go to the local shards by a routing that
  // ignores the remote ones, and a rebuild or compaction would replace the stub with a local
  // index. Refused before anything in the directory changes.
  void refuse_remote_shards() const {
    auto remote = shards::remote_lines(root);
    if (remote.empty()) return;
    throw IndexError(IndexErrorKind::kOther,
                     "index " + root + " names remote shards (" + remote.front() +
                         (remote.size() > 1 ? ", ..." : "") +
                         "): tracuu index writes, rebuilds, compacts and deletes only local "
                         "shards; run `tracuu index --db DIR --shard K/N` on each shard's host "
                         "(docs/deploy.md), then `tracuu index --db " +
                         root + " --merge-lexicon ...` here");
  }

  unsigned new_shard_count() const {
    if (options.part_count > 0) return 1;  // --shard K/N: this host's one shard
    unsigned n =
        options.shards ? options.shards : std::max(1u, std::thread::hardware_concurrency());
    return std::min(n, 64u);
  }

  void open();
  // `sweep`: collect unreferenced originals whatever happened (a whole run also collects the
  // orphans of killed runs); otherwise only after a replacement.
  void run(const pipeline::Source& source, std::size_t bytes_total,
           const pipeline::OnWritten& on_written, const std::function<void()>& resolve, bool sweep);
  std::vector<std::string> short_name_keys(const std::vector<IndexWriter::Written>& written);
  void publish();
  std::size_t collect_originals();
  void discard_unpublished() noexcept;
  void remove_shards(const std::vector<std::string>& paths);
};

// Runs under the write lock, so nothing here races another writer: leftovers of an interrupted
// rebuild or compaction can go, and a rebuild can start beside the live shards.
void IndexWriter::Impl::open() {
  const bool had_index = shards::exists(root);
  refuse_remote_shards();
  const std::vector<std::string> live = had_index ? shards::list(root) : std::vector<std::string>{};
  if (options.part_count > 0 && live.size() > 1)
    throw IndexError(IndexErrorKind::kOther,
                     "--shard " + std::to_string(options.part_index) + "/" +
                         std::to_string(options.part_count) + " writes one shard, and " + root +
                         " holds " + std::to_string(live.size()) +
                         " local shards: give each shard's host its own directory");
  // A stub of someone else's making (remote shards, other backends) is left as it is.
  if (had_index && live.empty())
    throw IndexError(IndexErrorKind::kOther,
                     "index " + root + " (" + shards::kStubName +
                         ") names no local glass shards this program can write");
  shards::remove_unlisted(root);
  if (had_index && !options.rebuild) {
    for (const auto& p : live) shards.emplace_back(p, false);
    for (auto& s : shards) s.writers = shards.size();
    attach_lexicon();
    return;
  }
  originals_dirty = had_index;  // a rebuild drops every record of the old index
  // New shards (a new index, or a rebuild beside the live one) are named by the stub only once
  // they exist: an index interrupted before that is no index, not one that fails to open.
  unpublished = had_index ? shards::next_generation(root, "shard", new_shard_count())
                          : shards::initial_names(new_shard_count());
  replaced = live;
  for (const auto& name : unpublished) shards.emplace_back((fs::path(root) / name).string(), true);
  for (auto& s : shards) s.writers = shards.size();
  unpublished_lexicon = lexicon::create(root);
  attach_lexicon(unpublished_lexicon);
  if (!had_index) {  // empty databases, created (and committed) by Xapian: nothing to replace
    shards::point_to(root, unpublished);
    unpublished.clear();
    lexicon::switch_to(unpublished_lexicon);
    unpublished_lexicon.clear();
  }
}

// The switch of a rebuild: everything committed, then the stub renamed into place (readers see
// the old index or the new one, whole), then the old shards go. The write lock keeps every other
// writer out of them; readers that still have them open keep reading the open files.
void IndexWriter::Impl::publish() {
  if (unpublished.empty()) return;
  commit();
  shards::point_to(root, unpublished);
  unpublished.clear();
  remove_shards(replaced);
  replaced.clear();
  lexicon::switch_to(unpublished_lexicon);
  unpublished_lexicon.clear();
}

void IndexWriter::Impl::remove_shards(const std::vector<std::string>& paths) {
  for (const auto& p : paths) {
    if (p == root)
      shards::remove_glass_files(root);  // an index from before shards
    else
      fs::remove_all(p);
  }
}

// Every shard committed and published first: the sweep reads what readers see, and a record in
// an uncommitted batch would not protect its file.
std::size_t IndexWriter::Impl::collect_originals() {
  originals_dirty = false;
  Xapian::Database all = combined();
  const std::string prefix = schema::kOriginal;
  return originals.remove_unreferenced(
      [&](const std::string& sha256) { return all.term_exists(schema::term(prefix, sha256)); });
}

// A rebuild that did not finish leaves the live index as it was.
void IndexWriter::Impl::discard_unpublished() noexcept {
  if (unpublished.empty()) return;
  std::vector<std::string> paths;
  for (auto& s : shards) {
    s.abandon_batch();
    paths.push_back(s.path);
  }
  shards.clear();  // closes the databases before their files go
  lexicon_writer.reset();
  std::error_code ec;
  for (const auto& p : paths) fs::remove_all(p, ec);
  if (!unpublished_lexicon.empty()) fs::remove_all(unpublished_lexicon, ec);
  unpublished.clear();
}

IndexWriter::IndexWriter(const std::string& db_path, const IndexOptions& options) {
  translating("opening index " + db_path, [&] {
    impl_ = std::make_unique<Impl>(db_path, options);
    impl_->open();
  });
}

IndexWriter::~IndexWriter() {
  // Unwinding from an error: what was committed stays, nothing half-done is added to it.
  if (impl_->failed || std::uncaught_exceptions() > 0) {
    for (auto& s : impl_->shards) s.abandon_batch();
    impl_->discard_unpublished();
    return;
  }
  try {
    impl_->publish();
    impl_->commit();
    if (impl_->originals_dirty) impl_->collect_originals();
  } catch (...) {  // destructors must not throw; committed batches are already safe
    impl_->discard_unpublished();
  }
}

bool IndexWriter::upsert(const corpus::Document& doc) {
  return translating("adding " + doc.id, [&] {
    Xapian::Document xdoc = schema::build_document(doc);
    IndexStats stats;
    impl_->shard_for(doc.id).add(doc.id, xdoc, spelling_terms(xdoc), stats);
    if (stats.updated > 0) impl_->originals_dirty = true;
    return stats.updated > 0;
  });
}

bool IndexWriter::remove(const std::string& id) {
  return translating("deleting " + id, [&] {
    Shard& shard = impl_->shard_for(id);
    std::string id_term = schema::term(schema::kId, id);
    if (!shard.db.term_exists(id_term)) return false;
    shard.db.delete_document(id_term);
    impl_->originals_dirty = true;
    return true;
  });
}

void IndexWriter::commit() {
  translating("committing " + impl_->root, [&] {
    impl_->commit();
    impl_->publish();
    if (impl_->originals_dirty) impl_->collect_originals();
  });
}

const IndexStats& IndexWriter::stats() const { return impl_->stats; }

namespace {

bool names(const std::string& canonical, const std::string& code, const std::string& number) {
  auto d = tokenizer::parse_docnum(canonical);
  return d && d->type_code == code && d->number == number;
}

}  // namespace

std::size_t IndexWriter::resolve_short_names() {
  return translating("resolving short names in " + impl_->root, [&] { return resolve_all(); });
}

std::size_t IndexWriter::resolve_all(const std::vector<std::string>* only) {
  impl_->commit();  // the combined view reads what the shards have committed
  Xapian::Database db = impl_->combined();
  const std::size_t n = impl_->shards.size();
  const std::string xr = schema::kShortCited;
  std::vector<std::pair<std::string, std::string>> keys;  // term, "CT 49"
  for (auto t = db.allterms_begin(xr); t != db.allterms_end(xr); ++t)
    if (auto key = schema::value_of(*t, xr);
        key && (!only || std::find(only->begin(), only->end(), *key) != only->end()))
      keys.emplace_back(*t, *key);
  std::size_t changed = 0;
  for (const auto& [term, key] : keys) {
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
      std::string start = schema::term(prefix, number);
      for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
        auto value = schema::value_of(*t, prefix);
        if (!value || !names(*value, code, number)) continue;
        const std::string& canonical = *value;
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
  return translating("compacting " + impl_->root, [&] {
    impl_->commit();
    impl_->publish();
    fs::path root(impl_->root);
    std::vector<std::string> old = shards::list(impl_->root);
    // A new generation's name, so the stub never names a half-written database.
    std::string name = shards::next_generation(impl_->root, "compact", 1)[0];
    impl_->combined().compact((root / name).string());
    // Switch: the stub first (atomically), then the old databases go.
    impl_->shards.clear();  // releases their Xapian locks; ours is still held
    shards::point_to(impl_->root, {name});
    impl_->remove_shards(old);
    impl_->shards.emplace_back((root / name).string(), false);
    impl_->attach_lexicon();
    std::uintmax_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(root / name))
      if (e.is_regular_file()) bytes += e.file_size();
    return bytes;
  });
}

// The pipeline, then what every run ends with: short names resolved, the index published and
// the originals of replaced versions collected.
void IndexWriter::Impl::run(const pipeline::Source& source, std::size_t bytes_total,
                            const pipeline::OnWritten& on_written,
                            const std::function<void()>& resolve, bool sweep) {
  pipeline::Progress progress(stats, options, bytes_total);
  try {
    pipeline::run(source, shards, options, progress, options.keep_originals ? &originals : nullptr,
                  on_written, &corrections);
  } catch (...) {
    failed = true;
    throw;
  }
  resolve();
  translating("publishing " + root, [&] {
    publish();
    if (sweep || originals_dirty) collect_originals();  // replaced versions, --no-originals runs
  });
  progress.finish();
}

IndexStats IndexWriter::index_paths(const std::vector<std::string>& paths) {
  std::size_t bytes_total = 0;
  for (const auto& path : paths) bytes_total += corpus::content_bytes_hint(path);
  impl_->run([&](pipeline::Window& window,
                 ErrorReport& errors) { pipeline::read_into(paths, window, errors); },
             bytes_total, nullptr, [&] { resolve_short_names(); }, true);
  return impl_->stats;
}

// A new document can resolve, or make ambiguous, only the short names it cites and those of the
// numbers it cites or is; a replaced one may also have dropped some: then the whole archive.
std::vector<IndexWriter::Written> IndexWriter::index_documents(
    std::vector<corpus::RawDocument> docs) {
  std::vector<Written> written(docs.size());
  std::size_t bytes_total = 0;
  for (const auto& d : docs) bytes_total += d.content.size();
  std::mutex mutex;  // shard writers report from their own threads
  bool any_replaced = false;
  auto resolve = [&] {
    if (any_replaced) {
      resolve_short_names();
      return;
    }
    translating("resolving short names in " + impl_->root, [&] {
      impl_->commit();
      auto keys = impl_->short_name_keys(written);
      return keys.empty() ? 0 : resolve_all(&keys);
    });
  };
  impl_->run([&](pipeline::Window& window, ErrorReport&) { pipeline::push_into(docs, window); },
             bytes_total,
             [&](std::size_t input, const std::string& id, bool replaced) {
               std::lock_guard lock(mutex);
               written[input] = {id, replaced};
               if (replaced) any_replaced = impl_->originals_dirty = true;
             },
             resolve, false);
  return written;
}

std::vector<std::string> IndexWriter::Impl::short_name_keys(
    const std::vector<IndexWriter::Written>& written) {
  std::vector<std::string> keys;
  for (const auto& w : written) {
    if (w.id.empty()) continue;
    Shard& shard = shard_for(w.id);
    const std::string id_term = schema::term(schema::kId, w.id);
    for (auto p = shard.db.postlist_begin(id_term); p != shard.db.postlist_end(id_term); ++p) {
      Xapian::Document doc = shard.db.get_document(*p);
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        if (auto key = schema::value_of(*t, schema::kShortCited)) keys.push_back(*key);
        for (const char* prefix : {schema::kCited, schema::kHeaderNumber})
          if (auto number = schema::value_of(*t, prefix))
            if (auto d = tokenizer::parse_docnum(*number))
              keys.push_back(d->type_code + " " + d->number);
      }
    }
  }
  return keys;
}

std::optional<std::string> IndexWriter::find_original(std::string_view file_bytes) {
  const std::string sha256 = sha256_hex(file_bytes);
  return translating("looking up an original in " + impl_->root,
                     [&]() -> std::optional<std::string> {
                       Xapian::Database all = impl_->combined();
                       const std::string term = schema::term(schema::kOriginal, sha256);
                       auto p = all.postlist_begin(term);
                       if (p == all.postlist_end(term)) return std::nullopt;
                       Xapian::Document doc = all.get_document(*p);
                       auto t = doc.termlist_begin();
                       t.skip_to(schema::kId);
                       if (t == doc.termlist_end()) return std::nullopt;
                       return schema::value_of(*t, schema::kId);
                     });
}

std::optional<Correction> IndexWriter::correct(const std::string& id, const Correction& c) {
  return translating("correcting " + id, [&]() -> std::optional<Correction> {
    Shard& shard = impl_->shard_for(id);
    const std::string id_term = schema::term(schema::kId, id);
    auto p = shard.db.postlist_begin(id_term);
    if (p == shard.db.postlist_end(id_term)) return std::nullopt;
    auto doc =
        corpus::document_from_json(nlohmann::json::parse(shard.db.get_document(*p).get_data()));
    // On disk first: a crash after it re-applies the correction at the next (re)index of the id.
    Correction whole = impl_->corrections.put(id, c);
    apply(whole, doc);
    upsert(doc);
    commit();
    return whole;
  });
}

bool IndexWriter::contains(const std::string& id) {
  return translating("looking up " + id, [&] {
    return impl_->shard_for(id).db.term_exists(schema::term(schema::kId, id));
  });
}

std::optional<corpus::Document> IndexWriter::document(const std::string& id) {
  return translating("reading " + id, [&]() -> std::optional<corpus::Document> {
    Shard& shard = impl_->shard_for(id);
    const std::string id_term = schema::term(schema::kId, id);
    auto p = shard.db.postlist_begin(id_term);
    if (p == shard.db.postlist_end(id_term)) return std::nullopt;
    return corpus::document_from_json(nlohmann::json::parse(shard.db.get_document(*p).get_data()));
  });
}

std::size_t merge_lexicon(const std::string& dir, const std::vector<std::string>& sources) {
  return translating("merging the lexicon of " + dir, [&] {
    WriteLock lock(dir);
    std::vector<std::string> tables;
    for (const auto& source : sources) tables.push_back(lexicon::current(source).value_or(source));
    lexicon::merge(dir, tables);
    Xapian::Database merged(*lexicon::current(dir));
    std::size_t words = 0;
    for (auto w = merged.spellings_begin(); w != merged.spellings_end(); ++w) ++words;
    return words;
  });
}

}  // namespace tracuu::indexer
