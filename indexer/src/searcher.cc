// The Searcher: opening the index (one database or its shards), following new revisions, and
// every read behind one boundary that retries reads a writer overtook and translates Xapian's
// errors. What each read computes lives beside it: request_query, facets, hits, reading, json.
#include "tracuu/indexer/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "errors.h"
#include "facets.h"
#include "filters.h"
#include "hits.h"
#include "index_view.h"
#include "lexicon.h"
#include "query_parser.h"
#include "reading.h"
#include "request_query.h"
#include "schema.h"
#include "shards.h"
#include "tracuu/corpus/provinces.h"
#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::indexer {
namespace {

// The revision a reader holds is overwritten once a writer has committed twice after it
// (DatabaseModifiedError); reopening reads the newest one. A few attempts, because a busy writer
// can overtake a long read again.
constexpr int kReadAttempts = 3;

// A title's most distinctive words and syllables, for "more like this" (at most 8, or the 3
// rarest when all are common). Common ones ("của", "tỉnh") match much of the archive and made
// that query the cost of a document page.
std::vector<std::string> distinctive_terms(const Xapian::Database& db, const std::string& title) {
  const auto& tok = tokenizer::Tokenizer::shared();
  auto tokens = tok.tokenize(title);
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  for (const auto& t : tokens)
    if (t.type == tokenizer::TokenType::kWord) terms.emplace_back(0, t.norm);
  for (const auto& w : tok.segment(title, tokens))
    if (w.last_token - w.first_token >= 2)
      terms.emplace_back(0, schema::term(schema::kWord, w.norm));
  for (auto& [tf, term] : terms) tf = db.get_termfreq(term);
  std::erase_if(terms, [](const auto& t) { return t.first < 2; });  // only this document
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  const Xapian::doccount common = std::max<Xapian::doccount>(2, db.get_doccount() / 20);
  std::size_t max_terms = 8;
  if (!terms.empty() && terms.front().first > common)
    max_terms = 3;
  else
    std::erase_if(terms, [&](const auto& t) { return t.first > common; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < terms.size() && i < max_terms; ++i) out.push_back(terms[i].second);
  return out;
}

// What the citations of a document that cites `rec.number` add to its record.
void add_citing(CitedDocument& rec, const corpus::Document& doc) {
  for (const auto& c : doc.citations) {
    if (c.number != rec.number) continue;
    if (!rec.type) rec.type = c.type;
    if (!rec.issuer) rec.issuer = c.issuer;
    if (!rec.date) rec.date = c.date;
    if (!rec.subject) rec.subject = c.subject;
    ++rec.per_relation[c.relation.value_or("")];
  }
  auto date = doc.date ? doc.date : doc.date_estimated;
  if (date) {
    if (!rec.first_cited || *date < *rec.first_cited) rec.first_cited = date;
    if (!rec.last_cited || *date > *rec.last_cited) rec.last_cited = date;
    ++rec.per_year[date->substr(0, 4)];
  } else {
    ++rec.undated;
  }
  if (doc.primary_province) {
    ++rec.per_province[*doc.primary_province];
    if (date) ++rec.per_province_year[*doc.primary_province][date->substr(0, 4)];
  }
}

// The provinces of the text's day that have no citing document of their own: for a text of
// after the 2025 merger, a report of Bắc Kạn counts for Thái Nguyên.
std::vector<std::string> not_reported(const CitedDocument& rec) {
  auto in_force = corpus::provinces_in_force(rec.date);
  const bool merged = rec.date && *rec.date >= corpus::kMergerDate;
  std::set<std::string> reported;
  for (const auto& [province, count] : rec.per_province)
    reported.insert(merged ? corpus::province_after_merger(province) : province);
  std::erase_if(in_force, [&](const std::string& p) { return reported.count(p) > 0; });
  return in_force;
}

// The record a document stores. One that is not what this program stores is damage, not an
// unknown document.
corpus::Document stored_document(const Xapian::Document& xdoc, const std::string& path,
                                 const std::string& what = {}) {
  auto j = nlohmann::json::parse(xdoc.get_data(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw IndexError(IndexErrorKind::kCorrupt,
                     (what.empty() ? "document " + std::to_string(xdoc.get_docid()) : what) +
                         " in index " + path + ": stored data does not parse");
  return corpus::document_from_json(j);
}

}  // namespace

struct Searcher::Impl {
  std::string path;
  std::vector<std::string> layout;      // the shard directories opened
  Xapian::Database db;                  // every shard, searched as one
  std::vector<Xapian::Database> parts;  // the same shards one by one, for their revisions
  bool remote = false;                  // some shards are served by xapian-tcpsrv
  // Synonyms and spellings (lexicon.h): DIR/lexicon, or the shards' own tables without one.
  Xapian::Database lexicon;
  std::string lexicon_path;  // "" when there is none
  std::uint64_t base = 0;    // added to revisions after a layout change
  std::uint64_t reopens = 0;
  // all_facets() of one revision.
  std::optional<std::pair<std::uint64_t, std::map<std::string, FacetCounts>>> archive_facets;

  // Everything opened before any member changes: a shard that cannot be reached (IndexError
  // kUnavailable) leaves the handle as it was, to try again on the next read.
  void open() {
    auto new_layout = shards::list(path);
    const bool new_remote = !shards::remote_lines(path).empty();
    Xapian::Database new_db;
    std::vector<Xapian::Database> new_parts;
    // A stub naming remote shards (with local ones or not), or not an index: Xapian decides.
    if (new_layout.empty() || new_remote) {
      new_layout.clear();
      new_db = Xapian::Database(path);
    } else {
      for (const auto& p : new_layout) {
        new_parts.emplace_back(p);
        new_db.add_database(new_parts.back());
      }
    }
    layout = std::move(new_layout);
    remote = new_remote;
    db = std::move(new_db);
    parts = std::move(new_parts);
    open_lexicon();
    check_versions();
  }

  // A remote shard went away (its xapian-tcpsrv restarted, or closed a connection idle for a
  // minute): connect again. Throws (kUnavailable) while the shard does not answer.
  void reconnect() {
    const std::uint64_t before = revision();
    open();
    base = before + 1;
  }

  void open_lexicon() {
    auto found = lexicon::current(path);
    lexicon_path = found ? std::filesystem::canonical(*found).string() : "";
    lexicon = found ? Xapian::Database(*found) : db;
  }

  IndexView view() const { return {db, lexicon}; }

  // An index written with another schema answers wrongly, not with errors: refuse it whole.
  // Read on handles of their own: reading the metadata through `db` keeps a block of each
  // postlist table cached in it, and searches would then miss that the block went bad later.
  void check_versions() const {
    if (parts.empty()) schema::check_version(Xapian::Database(path), "index " + path);
    for (const auto& shard : layout)
      schema::check_version(Xapian::Database(shard), "index shard " + shard);
  }

  std::uint64_t revision() const {
    std::uint64_t sum = 0;
    for (const auto& p : parts) sum += p.get_revision();
    if (parts.empty()) sum = reopens;
    if (!lexicon_path.empty()) sum += lexicon.get_revision();
    return base + sum;
  }

  bool reopen() {
    auto before = revision();
    // `tracuu index --compact` replaces the shards with one database: open the new layout, and
    // keep the revision growing (the new database counts its own from 1).
    if (shards::list(path) != layout) {
      open();
      base = before + 1;
      return true;
    }
    try {
      db.reopen();  // the combined handle shares each shard's handle: both see the new revision
    } catch (const Xapian::NetworkError&) {
      if (!remote) throw;
      reconnect();
      return true;
    }
    ++reopens;
    // A merge points DIR/lexicon at a new generation; commits to the same one are a reopen.
    auto found = lexicon::current(path);
    if ((found ? std::filesystem::canonical(*found).string() : "") != lexicon_path) {
      open_lexicon();
      base += 1;
    } else if (!lexicon_path.empty()) {
      lexicon.reopen();
    }
    if (revision() == before) return false;
    check_versions();
    return true;
  }

  // Every read goes through here: f() again on a newer revision when a writer overtook it, and
  // any Xapian error out as IndexError (a query Xapian refuses as QueryError).
  template <class F>
  auto read(const std::string& what, F&& f) -> decltype(f()) {
    return translating(what + " in index " + path, [&]() -> decltype(f()) {
      for (int attempt = 1;; ++attempt) {
        try {
          return f();
        } catch (const Xapian::DatabaseModifiedError&) {
          if (attempt >= kReadAttempts) throw;
          reopen();
        } catch (const Xapian::NetworkError&) {
          if (!remote || attempt >= kReadAttempts) throw;
          reconnect();
        } catch (const Xapian::QueryParserError& e) {
          throw QueryError("bad_query", e.get_msg(), "query");
        } catch (const Xapian::WildcardError& e) {
          throw QueryError("bad_query", e.get_msg(), "query");
        }
      }
    });
  }

  SearchResult search(const SearchRequest& req);
  SearchResult run(const SearchRequest& req, const Xapian::Query& query, bool by_date,
                   double min_weight, const std::vector<std::string>& words);
  std::vector<Hit> related(const corpus::Document& doc, std::size_t limit);
  std::optional<CitedDocument> cited_document(const std::string& number);
  std::vector<std::string> suggest(const std::string& prefix, std::size_t limit);
};

// One pass of a search: the page of hits and, when asked, the facets of its matches.
SearchResult Searcher::Impl::run(const SearchRequest& req, const Xapian::Query& query, bool by_date,
                                 double min_weight, const std::vector<std::string>& words) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (by_date) enquire.set_sort_by_value_then_relevance(schema::kDate, true);
  if (min_weight > 0) enquire.set_cutoff(0, min_weight);
  FacetSpy spy(db, parts.size() <= 1);
  RemoteFacets remote_spies;
  // Xapian 1.4.22's remote matcher shows match spies some documents twice when the match is
  // sorted by value (48 of the sample's 43 documents): over remote shards, a date-sorted
  // search counts its facets in a relevance-ordered pass of its own, without hits.
  const bool facet_pass = req.facets && remote && by_date;
  if (req.facets && remote && !by_date) remote_spies.attach(enquire);
  if (req.facets && !remote) enquire.add_matchspy(&spy);
  // Facets look at up to kSample candidates: exact below that, scaled estimates above (each
  // remote shard looks at up to kSample of its own).
  Xapian::doccount check = req.facets ? std::min(db.get_doccount(), FacetSpy::kSample) : 0;
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(req.offset),
                                       static_cast<Xapian::doccount>(req.limit), check);
  if (facet_pass) {
    Xapian::Enquire counting(db);
    counting.set_query(query);
    if (min_weight > 0) counting.set_cutoff(0, min_weight);
    remote_spies.attach(counting);
    counting.get_mset(0, 0, check);
  }
  SearchResult result;
  result.total = mset.get_matches_estimated();
  result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  for (auto it = mset.begin(); it != mset.end(); ++it)
    result.hits.push_back(make_hit(it.get_document(), it.get_weight(), words));
  if (req.facets) {
    const std::size_t seen = remote ? remote_spies.seen() : spy.seen();
    result.facets_exact = result.total_exact && seen >= result.total;
    double scale = result.facets_exact || seen == 0
                       ? 1.0
                       : static_cast<double>(result.total) / static_cast<double>(seen);
    result.facets = remote ? remote_spies.counts(scale) : spy.counts(scale);
  }
  return result;
}

SearchResult Searcher::Impl::search(const SearchRequest& req) {
  RequestQuery q = request_query(req, view());
  if (std::getenv("TRACUU_EXPLAIN"))
    std::fprintf(stderr, "%s\n", q.query.get_description().c_str());
  const bool by_date = req.sort == SortOrder::kDate || q.browse;
  SearchResult result = run(req, q.query, by_date, 0, q.words);
  result.marked_words = q.words;
  // Less than a page with every word as typed: the relaxed pass, corrections applied (strict
  // matches hold every word, so they still come first).
  constexpr std::size_t kPage = 10;
  if (q.relaxed && result.total < kPage) {
    std::vector<std::string> words = q.words;
    words.insert(words.end(), q.reading.begin(), q.reading.end());
    SearchResult relaxed = run(req, *q.relaxed, by_date, q.relaxed_min_weight, words);
    if (relaxed.total > result.total) {
      result = std::move(relaxed);
      result.marked_words = std::move(words);
      result.relaxed = true;
      result.showing_for = q.relaxed_text;
    }
  }
  // "Did you mean": the best reading when it differs from what was typed.
  if (!q.suggestion.empty()) result.suggestion = q.suggestion;
  return result;
}

std::vector<Hit> Searcher::Impl::related(const corpus::Document& doc, std::size_t limit) {
  std::vector<Xapian::Query> qs;
  for (const auto& c : doc.citations) qs.emplace_back(schema::term(schema::kCited, c.number));
  if (doc.primary_province)
    qs.emplace_back(schema::term(schema::kPrimaryProvince, *doc.primary_province));
  for (const auto& term : distinctive_terms(db, doc.title)) qs.emplace_back(term);
  if (qs.empty()) return {};
  Xapian::Query q(Xapian::Query::OP_AND_NOT,
                  Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()),
                  Xapian::Query(schema::term(schema::kId, doc.id)));
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  std::vector<Hit> out;
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  for (auto it = mset.begin(); it != mset.end(); ++it)
    out.push_back(make_hit(it.get_document(), it.get_weight(), {}));
  return out;
}

std::optional<CitedDocument> Searcher::Impl::cited_document(const std::string& number) {
  CitedDocument rec;
  rec.number = canonical_number(number);
  // The archived text itself, if any.
  Xapian::Enquire own(db);
  own.set_query(Xapian::Query(schema::term(schema::kHeaderNumber, rec.number)));
  Xapian::MSet own_set = own.get_mset(0, 1);
  if (!own_set.empty()) {
    auto doc = stored_document(own_set.begin().get_document(), path);
    rec.document_id = doc.id;
    if (doc.header) {
      rec.type = doc.header->doc_type;
      rec.issuer = doc.header->issuer;
      rec.date = doc.header->date;
      rec.subject = doc.header->subject;
    }
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(schema::term(schema::kCited, rec.number)));
  enquire.set_sort_by_value_then_relevance(schema::kDate, true);
  Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
  if (mset.empty() && !rec.document_id) return std::nullopt;
  rec.citing_count = mset.size();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document xdoc = it.get_document();
    add_citing(rec, stored_document(xdoc, path));
    if (rec.citing.size() < 200) rec.citing.push_back(make_hit(xdoc, 0, {}));
  }
  rec.not_reported = not_reported(rec);
  return rec;
}

std::vector<std::string> Searcher::Impl::suggest(const std::string& prefix, std::size_t limit) {
  std::vector<std::string> out;
  std::string p = tokenizer::normalize_keep_case(prefix);
  if (p.empty()) return out;
  if (auto d = tokenizer::parse_docnum(p)) p = d->canonical;
  // Document numbers first (they are what people paste), then titles.
  std::string cited = schema::term(schema::kCited, p);
  for (auto it = db.allterms_begin(cited); it != db.allterms_end(cited) && out.size() < limit; ++it)
    if (auto number = schema::value_of(*it, schema::kCited)) out.push_back(*number);
  if (out.size() >= limit) return out;
  SearchRequest req;
  req.query = prefix;
  Xapian::Enquire enquire(db);
  enquire.set_query(request_query(req, view()).query);
  Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit - out.size()));
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    auto j = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
    if (!j.is_discarded()) out.push_back(j.value("title", ""));
  }
  return out;
}

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>()) {
  impl_->path = db_path;
  if (!std::filesystem::exists(db_path))
    throw IndexError(
        IndexErrorKind::kNotFound,
        "no index at " + db_path + " (build one with `tracuu index --db " + db_path + " PATH...`)");
  translating("opening index " + db_path, [&] { impl_->open(); });
}

Searcher::~Searcher() = default;

bool Searcher::reopen() {
  return translating("reopening index " + impl_->path, [&] { return impl_->reopen(); });
}

// Grows with every commit to any shard: the sum of the shards' revisions. Remote shards have no
// readable revision, so there every reopen counts as a new one (caches keyed by it stay correct,
// only colder).
std::uint64_t Searcher::revision() const {
  return translating("reading the revision of " + impl_->path, [&] { return impl_->revision(); });
}

std::string Searcher::uuid() const {
  return impl_->read("reading the UUID", [&] { return impl_->db.get_uuid(); });
}

std::size_t Searcher::document_count() const {
  return impl_->read("counting documents", [&] { return impl_->db.get_doccount(); });
}

SearchResult Searcher::search(const SearchRequest& req) {
  if (req.limit > 1000) throw QueryError("bad_limit", "limit must be at most 1000", "limit");
  return impl_->read("searching", [&] { return impl_->search(req); });
}

std::optional<corpus::Document> Searcher::document(const std::string& id) {
  if (id.empty()) return std::nullopt;
  return impl_->read("reading document " + id, [&]() -> std::optional<corpus::Document> {
    const std::string id_term = schema::term(schema::kId, id);
    Xapian::PostingIterator it = impl_->db.postlist_begin(id_term);
    if (it == impl_->db.postlist_end(id_term)) return std::nullopt;
    return stored_document(impl_->db.get_document(*it), impl_->path, "document " + id);
  });
}

std::vector<Hit> Searcher::related(const std::string& id, std::size_t limit) {
  auto doc = document(id);
  if (!doc) return {};
  return related(*doc, limit);
}

std::vector<Hit> Searcher::related(const corpus::Document& doc, std::size_t limit) {
  return impl_->read("finding related documents", [&] { return impl_->related(doc, limit); });
}

std::optional<CitedDocument> Searcher::cited_document(const std::string& number_any_variant) {
  return impl_->read("reading cited document " + number_any_variant,
                     [&] { return impl_->cited_document(number_any_variant); });
}

std::vector<std::string> Searcher::suggest(const std::string& prefix, std::size_t limit) {
  return impl_->read("suggesting", [&] { return impl_->suggest(prefix, limit); });
}

std::map<std::string, FacetCounts> Searcher::all_facets(std::size_t limit_per_facet) {
  // The whole archive's counts only change with the index: counted once per revision (the
  // match shows the counter every document, the dearest request of the API).
  const std::uint64_t rev = revision();
  if (!impl_->archive_facets || impl_->archive_facets->first != rev) {
    SearchRequest req;
    req.limit = 0;
    impl_->archive_facets.emplace(rev, search(req).facets);
  }
  auto facets = impl_->archive_facets->second;
  for (auto& [name, counts] : facets)
    if (counts.size() > limit_per_facet) counts.resize(limit_per_facet);
  return facets;
}

}  // namespace tracuu::indexer
