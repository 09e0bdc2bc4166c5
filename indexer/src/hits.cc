// Hits read as the stored JSON is lexed (nlohmann's SAX interface): the data is mostly paragraph
// text plus fields a hit never shows, and building the whole DOM of every hit (then a
// corpus::Document from it) cost more than the match itself.
#include "hits.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "snippets.h"

namespace tracuu::indexer {
namespace {

// Fills HitFields from the SAX events of a stored document's JSON.
class HitFieldsReader final : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit HitFieldsReader(HitFields& out) : out_(out) {}

  bool null() override { return element(); }
  bool boolean(bool) override { return element(); }
  bool number_integer(number_integer_t) override { return element(); }
  bool number_unsigned(number_unsigned_t) override { return element(); }
  bool number_float(number_float_t, const string_t&) override { return element(); }
  bool binary(binary_t&) override { return element(); }
  bool string(string_t& s) override {
    if (depth_ == 1) {
      switch (field_) {
        case Field::kId:
          out_.id = std::move(s);
          break;
        case Field::kTitle:
          out_.title = std::move(s);
          break;
        case Field::kDate:
          out_.date = std::move(s);
          break;
        case Field::kDateEstimated:
          out_.date_estimated = std::move(s);
          break;
        case Field::kType:
          out_.type = std::move(s);
          break;
        case Field::kPrimaryProvince:
          out_.primary_province = std::move(s);
          break;
        case Field::kText:
          out_.text = std::move(s);
          break;
        default:
          break;
      }
    } else if (depth_ == 2 && array_ == Field::kProvinces) {
      out_.provinces.push_back(std::move(s));
    } else if (depth_ == 3 && wanted_key_) {
      (array_ == Field::kCitations ? out_.citations : out_.paragraphs).back() = std::move(s);
    }
    return element();
  }
  bool start_object(std::size_t) override {
    element();
    ++depth_;
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    element();
    if (depth_ == 1) array_ = field_;
    ++depth_;
    return true;
  }
  bool end_array() override {
    if (--depth_ == 1) array_ = Field::kOther;
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 1) field_ = field_of(k);
    if (depth_ == 3)
      wanted_key_ = (array_ == Field::kCitations && k == "number") ||
                    (array_ == Field::kParagraphs && k == "text");
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  enum class Field {
    kOther,
    kId,
    kTitle,
    kDate,
    kDateEstimated,
    kType,
    kPrimaryProvince,
    kProvinces,
    kCitations,
    kParagraphs,
    kText
  };
  static Field field_of(const std::string& k) {
    static const std::unordered_map<std::string, Field> fields{
        {"id", Field::kId},
        {"title", Field::kTitle},
        {"date", Field::kDate},
        {"date_estimated", Field::kDateEstimated},
        {"type", Field::kType},
        {"primary_province", Field::kPrimaryProvince},
        {"provinces", Field::kProvinces},
        {"citations", Field::kCitations},
        {"paragraphs", Field::kParagraphs},
        {"text", Field::kText}};
    auto it = fields.find(k);
    return it == fields.end() ? Field::kOther : it->second;
  }
  // Every value directly in the citations or paragraphs array is one entry, as in
  // document_from_json (a non-object one has an empty number or text).
  bool element() {
    if (depth_ == 2 && (array_ == Field::kCitations || array_ == Field::kParagraphs)) {
      (array_ == Field::kCitations ? out_.citations : out_.paragraphs).emplace_back();
      wanted_key_ = false;
    }
    return true;
  }

  HitFields& out_;
  int depth_ = 0;
  Field field_ = Field::kOther;  // of the last key of the top-level object
  Field array_ = Field::kOther;  // the top-level array being read
  bool wanted_key_ = false;      // the last key in an entry of that array is the one read
};

}  // namespace

HitFields read_hit_fields(const std::string& data) {
  HitFields f;
  HitFieldsReader reader(f);
  if (!nlohmann::json::sax_parse(data, &reader)) return HitFields{};
  if (f.text.empty()) {  // stored as paragraphs only (see schema::build_document)
    for (const auto& p : f.paragraphs) {
      if (!f.text.empty()) f.text += '\n';
      f.text += p;
    }
  }
  return f;
}

Hit make_hit(const Xapian::Document& xdoc, double score, const std::vector<std::string>& words) {
  HitFields doc = read_hit_fields(xdoc.get_data());
  Hit h;
  h.id = std::move(doc.id);
  h.title = std::move(doc.title);
  h.date_estimated = !doc.date && doc.date_estimated;
  h.date = doc.date ? std::move(doc.date) : std::move(doc.date_estimated);
  h.type = std::move(doc.type);
  h.primary_province = std::move(doc.primary_province);
  h.provinces = std::move(doc.provinces);
  h.citations = std::move(doc.citations);
  h.score = score;
  h.snippet = make_snippet(doc.text, words);
  return h;
}

}  // namespace tracuu::indexer
