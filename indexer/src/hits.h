// Hits: what a result list shows of a stored document, read straight from its stored JSON.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "tracuu/corpus/document_types.h"
#include "tracuu/indexer/search_result.h"

namespace tracuu::indexer {

// The fields of a stored document that a hit shows, with corpus::document_from_json's meaning.
struct HitFields {
  std::string id, title, type{corpus::kNewsSlug}, text;
  std::optional<std::string> date, date_estimated, primary_province;
  std::vector<std::string> provinces, citations, paragraphs;
};

// Reads HitFields from a document's stored JSON without building a DOM; empty fields for data
// that is not JSON. `text` is the stored text, else the paragraphs joined by '\n'.
HitFields read_hit_fields(const std::string& data);

// The hit of a matched document, its snippet chosen for the query `words`.
Hit make_hit(const Xapian::Document& xdoc, double score, const std::vector<std::string>& words);

}  // namespace tracuu::indexer
