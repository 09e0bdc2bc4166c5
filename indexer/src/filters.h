// The filters of a search request (province, cited document, type, year, date range) as one Xapian
// query, validated here once for every caller.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

#include "index_view.h"
#include "tracuu/indexer/search_request.h"

namespace tracuu::indexer {

// The AND of the request's filters (each an OR of its values); nullopt when it has none. Throws
// QueryError for a malformed date ("bad_date") or year ("bad_year").
std::optional<Xapian::Query> filter_query(const SearchRequest& request, const IndexView& db);

// "2015-07-14" -> "20150714", the form of the date value slot. Throws QueryError("bad_date")
// naming `param` for anything else.
std::string compact_date(const std::string& iso, const char* param);

// A document number in any variant ("114/KL-TW", "Kết luận 114-KL/TW") as the index holds it;
// text that is no number comes back normalized.
std::string canonical_number(const std::string& any);

}  // namespace tracuu::indexer
