// Corrections of a document's metadata made by people (the upload page, PATCH /api/documents/{id}):
// kept beside the index in DIR/tracuu-corrections.json, keyed by document id, and applied by the
// indexer's pipeline every time that id is (re)indexed, so a re-upload, `tracuu index` of the same
// file or `--rebuild` keeps the corrected title, date, type and provinces.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tracuu/corpus/document.h"

namespace tracuu::indexer {

// The fields a person may correct; an absent one keeps what extraction found.
struct Correction {
  std::optional<std::string> title;
  std::optional<std::string> date;  // ISO yyyy-mm-dd
  std::optional<std::string> type;  // a slug of corpus/document_types ("ke-hoach")
  std::optional<std::vector<std::string>> provinces;  // canonical names, the primary first

  bool empty() const { return !title && !date && !type && !provinces; }
  // `later`'s fields over this one's.
  void merge(const Correction& later);
};

// A correction that cannot be applied: `field` names the JSON field at fault.
struct CorrectionError : std::invalid_argument {
  CorrectionError(std::string field_, const std::string& what)
      : std::invalid_argument(what), field(std::move(field_)) {}
  std::string field;
};

// {"title"?, "date"?, "type"?, "provinces"?} as the API takes it, checked: a non-empty title, a
// real calendar date, a known type (slug, label or name, accents optional: "Kế hoạch" ->
// "ke-hoach"), province names the gazetteer knows (before or after the 2025 merger; accents and
// case as typed are normalized). Unknown fields are refused too. Throws CorrectionError.
Correction correction_from_json(const nlohmann::json& j);
nlohmann::json to_json(const Correction& c);

// Puts the correction's fields into `doc`: a corrected date is a stated one (no estimate), the
// first corrected province is the primary one (and its post-2025 province follows it).
void apply(const Correction& c, corpus::Document& doc);

// The store is read once when made; find() may then be called from many threads at once. put()
// rewrites the file atomically (temp + fsync + rename, durable_file.h) and must not run alongside
// find(): the IndexWriter that owns the store calls it under the index's write lock, between
// pipeline runs. Faults of the file are IndexError; a file that does not parse is IndexError
// kCorrupt (never silently dropped: the corrections would be lost at the next put()).
class CorrectionStore {
 public:
  explicit CorrectionStore(std::filesystem::path db_path);

  static constexpr const char* kFileName = "tracuu-corrections.json";

  std::optional<Correction> find(const std::string& id) const;
  // Merges `c` into the id's correction and returns the whole of it, on disk when it returns.
  Correction put(const std::string& id, const Correction& c);

 private:
  std::filesystem::path file_;
  std::map<std::string, Correction> by_id_;
};

}  // namespace tracuu::indexer
