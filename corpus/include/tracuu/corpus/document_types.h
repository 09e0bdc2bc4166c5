// The one vocabulary of document types: how a type is coded in document numbers, written in
// texts, named in documents, the index and the API, and shown to users. Every list of types in
// the project (header lines, citation words, short names, query filters, page labels) is derived
// from this table, so a type the extractor emits always has a label and a filter.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tracuu::corpus {

struct DocumentType {
  std::string_view code;   // in document numbers ("CT" in 49-CT/TW); empty when they carry none
  std::string_view name;   // as texts write it, capitalised ("Chỉ thị"); empty for news
  std::string_view slug;   // `type` of documents, index terms and the API ("chi-thi")
  std::string_view label;  // what users see for the slug ("Chỉ thị")
};

// Every type. Two names may share a slug ("Luật" and "Bộ luật" are both "luat").
std::span<const DocumentType> document_types();

inline constexpr std::string_view kNewsSlug = "news";  // an article, not an official text
inline constexpr std::string_view kUnknownTypeSlug =
    "van-ban";  // an official text of no known type

// Exact lookups; nullptr when unknown. type_of_code("CT"), type_of_slug("chi-thi").
const DocumentType* type_of_code(std::string_view code);
const DocumentType* type_of_slug(std::string_view slug);

// A type as a text or a user writes its name or code, in any case, accents optional:
// "KẾT LUẬN", "kết luận", "ket luan", "KL", "kl" -> Kết luận. nullptr when it names none.
const DocumentType* type_named(std::string_view written);

// The types cited by type and number alone ("Kết luận 114", "KL 114", "Chỉ thị số 49"): the
// short names the extractor resolves and the query parser expands.
std::span<const DocumentType* const> short_named_types();

// The `type` slug of a type name that opens `doc_type` ("Kế hoạch", "KẾ HOẠCH phát triển" ->
// "ke-hoach", "Bộ luật" -> "luat"); kUnknownTypeSlug for a name it does not know.
std::string type_slug(const std::string& doc_type);

// A type as a user types it in a filter: its slug, label or name, accents optional ("ke-hoach",
// "Kế hoạch", "ke hoach", "Tin tức"). nullopt when it is none of them.
std::optional<std::string_view> typed_type_slug(std::string_view typed);

// The label users see for a slug ("phap-lenh" -> "Pháp lệnh"); the slug itself when unknown.
std::string_view type_label(std::string_view slug);

}  // namespace tracuu::corpus
