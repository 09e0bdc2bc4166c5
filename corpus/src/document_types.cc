// The document-type table and its lookups (see document_types.h).
#include "tracuu/corpus/document_types.h"

#include <array>
#include <vector>

#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

// Codes as the tokenizer's canonical numbers spell them (docnum.cc): "QĐi", "CTr", "TTr".
constexpr DocumentType kTypes[] = {
    {"CT", "Chỉ thị", "chi-thi", "Chỉ thị"},
    {"KL", "Kết luận", "ket-luan", "Kết luận"},
    {"NQ", "Nghị quyết", "nghi-quyet", "Nghị quyết"},
    {"KH", "Kế hoạch", "ke-hoach", "Kế hoạch"},
    {"QĐ", "Quyết định", "quyet-dinh", "Quyết định"},
    {"NĐ", "Nghị định", "nghi-dinh", "Nghị định"},
    {"TT", "Thông tư", "thong-tu", "Thông tư"},
    {"HD", "Hướng dẫn", "huong-dan", "Hướng dẫn"},
    {"QĐi", "Quy định", "quy-dinh", "Quy định"},
    {"CV", "Công văn", "cong-van", "Công văn"},
    {"TB", "Thông báo", "thong-bao", "Thông báo"},
    {"CTr", "Chương trình", "chuong-trinh", "Chương trình"},
    {"ĐA", "Đề án", "de-an", "Đề án"},
    {"BC", "Báo cáo", "bao-cao", "Báo cáo"},
    {"QC", "Quy chế", "quy-che", "Quy chế"},
    {"CĐ", "Công điện", "cong-dien", "Công điện"},
    {"TTr", "Tờ trình", "to-trinh", "Tờ trình"},
    {"L", "Luật", "luat", "Luật"},
    {"", "Bộ luật", "luat", "Luật"},
    {"", "Thông tri", "thong-tri", "Thông tri"},
    {"", "Hiến pháp", "hien-phap", "Hiến pháp"},
    {"", "Pháp lệnh", "phap-lenh", "Pháp lệnh"},
    {"", "", kNewsSlug, "Tin tức"},
    {"", "", kUnknownTypeSlug, "Văn bản"},
};

constexpr std::string_view kShortNamedCodes[] = {"CT", "NQ", "KL", "KH", "QĐ"};

// The normalized and folded spellings of each row, computed once: lookups run per citation.
struct Spellings {
  std::string name_norm, name_fold, code_fold, label_fold;
};

const std::vector<Spellings>& spellings() {
  static const std::vector<Spellings> all = [] {
    std::vector<Spellings> out;
    for (const auto& t : kTypes)
      out.push_back({tokenizer::normalize(t.name), tokenizer::fold(t.name), tokenizer::fold(t.code),
                     tokenizer::fold(t.label)});
    return out;
  }();
  return all;
}

// Folded, with runs of spaces, '-' and '_' as one space: "Kế  hoạch", "ke-hoach" -> "ke hoach".
std::string folded_words(std::string_view text) {
  std::string out;
  for (char c : tokenizer::fold(text)) {
    bool gap = c == ' ' || c == '-' || c == '_' || c == '\t' || c == '\n' || c == '\r';
    if (!gap) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::span<const DocumentType> document_types() { return kTypes; }

const DocumentType* type_of_code(std::string_view code) {
  if (code.empty()) return nullptr;
  for (const auto& t : kTypes)
    if (t.code == code) return &t;
  return nullptr;
}

const DocumentType* type_of_slug(std::string_view slug) {
  for (const auto& t : kTypes)
    if (t.slug == slug) return &t;
  return nullptr;
}

const DocumentType* type_named(std::string_view written) {
  std::string f = folded_words(written);
  if (f.empty()) return nullptr;
  const auto& s = spellings();
  for (std::size_t i = 0; i < s.size(); ++i)
    if (f == s[i].name_fold || f == s[i].code_fold) return &kTypes[i];
  return nullptr;
}

std::span<const DocumentType* const> short_named_types() {
  static const auto types = [] {
    std::array<const DocumentType*, std::size(kShortNamedCodes)> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = type_of_code(kShortNamedCodes[i]);
    return out;
  }();
  return types;
}

std::string type_slug(const std::string& doc_type) {
  std::string n = tokenizer::normalize(doc_type);
  const auto& s = spellings();
  for (std::size_t i = 0; i < s.size(); ++i)
    if (!s[i].name_norm.empty() && n.starts_with(s[i].name_norm))
      return std::string(kTypes[i].slug);
  return std::string(kUnknownTypeSlug);
}

std::optional<std::string_view> typed_type_slug(std::string_view typed) {
  if (const auto* t = type_of_slug(typed)) return t->slug;
  std::string f = folded_words(typed);
  if (f.empty()) return std::nullopt;
  const auto& s = spellings();
  for (std::size_t i = 0; i < s.size(); ++i)
    if (f == s[i].label_fold || f == s[i].name_fold || f == folded_words(kTypes[i].slug))
      return kTypes[i].slug;
  return std::nullopt;
}

std::string_view type_label(std::string_view slug) {
  const auto* t = type_of_slug(slug);
  return t ? t->label : slug;
}

}  // namespace tracuu::corpus
