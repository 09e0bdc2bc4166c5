// People's corrections of documents' metadata (correction_store.h).
#include "tracuu/indexer/correction_store.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <set>
#include <sstream>

#include "durable_file.h"
#include "errors.h"
#include "tracuu/corpus/document_types.h"
#include "tracuu/corpus/provinces.h"
#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::indexer {
namespace {

namespace fs = std::filesystem;

const nlohmann::json* field(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string text_field(const nlohmann::json& j, const char* name) {
  const nlohmann::json* v = field(j, name);
  if (!v->is_string()) throw CorrectionError(name, std::string(name) + " must be a string");
  std::string s = v->get<std::string>();
  if (!tokenizer::is_valid_utf8(s)) throw CorrectionError(name, "invalid UTF-8");
  return s;
}

std::string trimmed(std::string s) {
  const char* space = " \t\r\n";
  s.erase(0, s.find_first_not_of(space));
  s.erase(s.find_last_not_of(space) + 1);
  return s;
}

std::string checked_title(const nlohmann::json& j) {
  std::string title = trimmed(text_field(j, "title"));
  if (title.empty() || title.size() > 1000)
    throw CorrectionError("title", "a title must have 1 to 1000 bytes");
  for (unsigned char c : title)
    if (c < 0x20 || c == 0x7f) throw CorrectionError("title", "a title is one line");
  return tokenizer::normalize_keep_case(title);
}

// A real day of the calendar, written yyyy-mm-dd, from 1900 on (the archive's texts).
std::string checked_date(const nlohmann::json& j) {
  std::string date = trimmed(text_field(j, "date"));
  bool shape = date.size() == 10 && date[4] == '-' && date[7] == '-';
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    shape = shape && std::isdigit(static_cast<unsigned char>(date[i]));
  if (!shape) throw CorrectionError("date", "a date is written yyyy-mm-dd");
  std::chrono::year_month_day day{std::chrono::year(std::stoi(date.substr(0, 4))),
                                  std::chrono::month(std::stoul(date.substr(5, 2))),
                                  std::chrono::day(std::stoul(date.substr(8, 2)))};
  if (!day.ok() || day.year() < std::chrono::year(1900))
    throw CorrectionError("date", "no such day: " + date);
  return date;
}

std::string checked_type(const nlohmann::json& j) {
  auto slug = corpus::typed_type_slug(trimmed(text_field(j, "type")));
  if (!slug) throw CorrectionError("type", "unknown document type");
  return std::string(*slug);
}

// Every province name of the gazetteer, before and after the 2025 merger, by its folded form.
const std::map<std::string, std::string>& province_names() {
  static const auto names = [] {
    std::map<std::string, std::string> by_folded;
    for (const auto& date :
         {std::optional<std::string>(), std::optional<std::string>(corpus::kMergerDate)})
      for (const auto& name : corpus::provinces_in_force(date))
        by_folded.emplace(tokenizer::fold(name), name);
    return by_folded;
  }();
  return names;
}

std::vector<std::string> checked_provinces(const nlohmann::json& j) {
  const nlohmann::json* v = field(j, "provinces");
  if (!v->is_array()) throw CorrectionError("provinces", "provinces must be an array of names");
  std::vector<std::string> out;
  for (const auto& p : *v) {
    if (!p.is_string() || !tokenizer::is_valid_utf8(p.get_ref<const std::string&>()))
      throw CorrectionError("provinces", "provinces must be an array of names");
    std::string name = trimmed(p.get<std::string>());
    if (name.empty()) continue;
    auto found = province_names().find(tokenizer::fold(name));
    if (found == province_names().end())
      throw CorrectionError("provinces", "unknown province: " + name);
    if (std::find(out.begin(), out.end(), found->second) == out.end()) out.push_back(found->second);
  }
  return out;
}

}  // namespace

void Correction::merge(const Correction& later) {
  if (later.title) title = later.title;
  if (later.date) date = later.date;
  if (later.type) type = later.type;
  if (later.provinces) provinces = later.provinces;
}

Correction correction_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw CorrectionError("", "a correction is a JSON object");
  static const std::set<std::string> known{"title", "date", "type", "provinces"};
  for (const auto& [key, value] : j.items())
    if (!known.contains(key)) throw CorrectionError(key, "not a field that can be corrected");
  Correction c;
  if (field(j, "title")) c.title = checked_title(j);
  if (field(j, "date")) c.date = checked_date(j);
  if (field(j, "type")) c.type = checked_type(j);
  if (field(j, "provinces")) c.provinces = checked_provinces(j);
  return c;
}

nlohmann::json to_json(const Correction& c) {
  nlohmann::json j = nlohmann::json::object();
  if (c.title) j["title"] = *c.title;
  if (c.date) j["date"] = *c.date;
  if (c.type) j["type"] = *c.type;
  if (c.provinces) j["provinces"] = *c.provinces;
  return j;
}

void apply(const Correction& c, corpus::Document& doc) {
  if (c.title) doc.title = *c.title;
  if (c.date) {
    doc.date = c.date;
    doc.date_estimated.reset();  // a person read the date: it is not a guess any more
  }
  if (c.type) doc.type = *c.type;
  if (c.provinces) {
    doc.provinces = *c.provinces;
    if (doc.provinces.empty()) {
      doc.primary_province.reset();
      doc.province_2025.reset();
    } else {
      doc.primary_province = doc.provinces.front();
      doc.province_2025 = corpus::province_after_merger(doc.provinces.front());
    }
  }
}

CorrectionStore::CorrectionStore(fs::path db_path) : file_(std::move(db_path) / kFileName) {
  std::ifstream in(file_, std::ios::binary);
  if (!in) return;
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("corrections") ||
      !j["corrections"].is_object())
    throw IndexError(IndexErrorKind::kCorrupt, file_.string() + " is not a corrections file");
  for (const auto& [id, fields] : j["corrections"].items()) {
    try {
      by_id_[id] = correction_from_json(fields);
    } catch (const CorrectionError& e) {
      throw IndexError(IndexErrorKind::kCorrupt,
                       file_.string() + ": the correction of " + id + " is invalid: " + e.what());
    }
  }
}

std::optional<Correction> CorrectionStore::find(const std::string& id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

Correction CorrectionStore::put(const std::string& id, const Correction& c) {
  Correction merged = by_id_.count(id) ? by_id_[id] : Correction{};
  merged.merge(c);
  nlohmann::json all = nlohmann::json::object();
  for (const auto& [other, correction] : by_id_)
    if (other != id) all[other] = to_json(correction);
  all[id] = to_json(merged);
  nlohmann::json file{{"version", 1}, {"corrections", std::move(all)}};
  replace_file(file_, file.dump(1, ' ', false, nlohmann::json::error_handler_t::strict) + "\n",
               0644);
  by_id_[id] = merged;  // only once it is on disk
  return merged;
}

}  // namespace tracuu::indexer
