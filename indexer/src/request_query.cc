// Parse, boost by the best reading, filter: the order in which a request becomes a query.
#include "request_query.h"

#include "filters.h"
#include "query_parser.h"
#include "reading.h"

namespace tracuu::indexer {

RequestQuery request_query(const SearchRequest& req, const Xapian::Database& db) {
  ParsedQuery parsed = parse_query(req.query, db);
  RequestQuery out;
  out.query = parsed.query;
  out.browse = parsed.empty;
  out.words = std::move(parsed.words);
  out.reading = best_reading(db, out.words);
  if (auto boost = reading_boost(out.reading))
    out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, out.query, *boost);
  if (auto filters = filter_query(req, db))
    out.query = Xapian::Query(Xapian::Query::OP_FILTER, out.query, *filters);
  return out;
}

}  // namespace tracuu::indexer
