#include "tracuu/corpus/citation_relation.h"

#include <array>
#include <string_view>

#include "tracuu/tokenizer/normalizer.h"

namespace tracuu::corpus {
namespace {

struct Relation {
  const char* slug;
  const char* label;
  std::array<const char*, 3> cues;  // folded words, as they stand before the citation
};

// Most specific first: "sơ kết 5 năm thực hiện Kết luận 114" reviews it, though it also says
// "thực hiện"; "Căn cứ hướng dẫn của ..." rests on it.
constexpr std::array<Relation, 9> kRelations{{
    {"so-ket", "Sơ kết", {"so ket", nullptr, nullptr}},
    {"tong-ket", "Tổng kết", {"tong ket", nullptr, nullptr}},
    {"tiep-tuc", "Tiếp tục thực hiện", {nullptr, nullptr, nullptr}},  // see continues()
    {"thay-the", "Thay thế", {"thay the", nullptr, nullptr}},
    {"sua-doi", "Sửa đổi, bổ sung", {"sua doi", nullptr, nullptr}},
    {"can-cu", "Căn cứ", {"can cu", nullptr, nullptr}},
    {"huong-dan", "Hướng dẫn", {"huong dan", nullptr, nullptr}},
    {"quan-triet", "Quán triệt", {"quan triet", nullptr, nullptr}},
    {"trien-khai", "Triển khai thực hiện", {"trien khai", "thuc hien", "thi hanh"}},
}};

// Only the clause the citation is in: back to the last sentence end, line break or semicolon (or
// `floor`, where the previous citation ends), and at most ~16 words ("sửa đổi, bổ sung một số
// điều của Quyết định ...").
constexpr std::size_t kLookBack = 110;

std::string clause_before(const std::string& text, std::size_t start, std::size_t floor) {
  std::size_t from = std::max(start > kLookBack ? start - kLookBack : 0, std::min(floor, start));
  while (from > 0 && from < start && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
    ++from;  // never inside a UTF-8 sequence
  std::string_view before(text.data() + from, start - from);
  std::size_t cut = before.find_last_of(".;\n");
  if (cut != std::string_view::npos) before.remove_prefix(cut + 1);
  std::string folded = " " + tokenizer::fold(before) + " ";
  for (char& c : folded)
    if (c == ',' || c == '(' || c == ')' || c == '"' || c == ':') c = ' ';
  return folded;
}

// `cue` as whole words, not as "theo hướng dẫn" (following guidance is not giving it).
bool says(const std::string& clause, const char* cue) {
  const std::string words = " " + std::string(cue) + " ";
  for (std::size_t at = clause.find(words); at != std::string::npos;
       at = clause.find(words, at + 1))
    if (at < 4 || clause.compare(at - 4, 4, "theo") != 0) return true;
  return false;
}

// "tiếp tục thực hiện", "tiếp tục chỉ đạo, thực hiện", "tiếp tục triển khai".
bool continues(const std::string& clause) {
  return says(clause, "tiep tuc") &&
         (says(clause, "thuc hien") || says(clause, "trien khai") || says(clause, "quan triet"));
}

}  // namespace

std::optional<std::string> citation_relation(const std::string& text, std::size_t start,
                                             std::size_t floor) {
  std::string clause = clause_before(text, start, floor);
  for (const auto& r : kRelations) {
    if (std::string_view(r.slug) == "tiep-tuc" && continues(clause)) return std::string(r.slug);
    for (const char* cue : r.cues)
      if (cue && says(clause, cue)) return std::string(r.slug);
  }
  return std::nullopt;
}

bool continues_list(const std::string& text, std::size_t from, std::size_t to) {
  if (to <= from || to - from > 60) return false;
  std::string gap = " " + tokenizer::fold(std::string_view(text).substr(from, to - from)) + " ";
  bool joined = false;
  std::size_t at = 0;
  while (at < gap.size()) {
    std::size_t end = gap.find_first_of(" ,", at);
    if (end == std::string::npos) end = gap.size();
    std::string_view word(gap.data() + at, end - at);
    if (end < gap.size() && gap[end] == ',') joined = true;
    if (word == "va") joined = true;
    bool date_part = !word.empty() && word.find_first_not_of("0123456789/.-") == std::string::npos;
    if (!word.empty() && !date_part && word != "va" && word != "ngay" && word != "thang" &&
        word != "nam")
      return false;
    at = end + 1;
  }
  return joined;
}

std::string relation_label(const std::string& slug) {
  for (const auto& r : kRelations)
    if (slug == r.slug) return r.label;
  return slug;
}

}  // namespace tracuu::corpus
