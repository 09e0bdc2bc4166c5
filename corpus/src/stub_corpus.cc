// TEMPORARY stub so the tree links; the corpus owner replaces this file.
#include "tracuu/corpus/document.h"
#include "tracuu/corpus/extractor.h"
#include "tracuu/corpus/reader.h"

namespace tracuu::corpus {
nlohmann::json to_json(const Document& doc) { return {{"id", doc.id}, {"title", doc.title}}; }
Document document_from_json(const nlohmann::json& j) {
  Document d;
  d.id = j.value("id", "");
  d.title = j.value("title", "");
  return d;
}
void read_path(const std::string& path, const RawSink&, const ErrorSink& on_error) {
  on_error({path, "not implemented"});
}
struct Extractor::Impl {};
Extractor::Extractor(const std::string&) : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;
const Extractor& Extractor::shared() {
  static const Extractor instance(TRACUU_DEFAULT_DATA_DIR);
  return instance;
}
Document Extractor::extract(const RawDocument& raw) const {
  Document d;
  d.origin = raw.origin;
  d.text = raw.content;
  return d;
}
}  // namespace tracuu::corpus
