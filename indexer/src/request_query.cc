// Parse, boost by the best reading, filter: the order in which a request becomes a query.
#include "request_query.h"

#include "filters.h"
#include "query_parser.h"
#include "reading.h"
#include "relaxed_query.h"

namespace tracuu::indexer {

RequestQuery request_query(const SearchRequest& req, const IndexView& db) {
  ParsedQuery parsed = parse_query(req.query, db);
  RequestQuery out;
  out.query = parsed.query;
  out.browse = parsed.empty;
  out.reading = best_reading(db, parsed.words);
  if (out.reading.size() == parsed.words.size()) {
    std::string s = rewritten(parsed, out.reading);
    if (s != parsed.input) out.suggestion = s;
  }
  std::optional<RelaxedQuery> relaxed;
  if (!req.exact) relaxed = relaxed_query(parsed, out.reading, db);
  auto boost = reading_boost(out.reading);
  auto filters = filter_query(req, db);
  // Ranked by the reading's words, then filtered: both passes alike.
  auto finish = [&](Xapian::Query q) {
    if (boost) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, *boost);
    if (filters) q = Xapian::Query(Xapian::Query::OP_FILTER, q, *filters);
    return q;
  };
  out.query = finish(out.query);
  if (relaxed) {
    out.relaxed = finish(relaxed->query);
    out.relaxed_min_weight = relaxed->min_weight;
    out.relaxed_text = rewritten(parsed, relaxed->searched);
  }
  out.words = std::move(parsed.words);
  out.words.insert(out.words.end(), parsed.numbers.begin(), parsed.numbers.end());
  return out;
}

}  // namespace tracuu::indexer
