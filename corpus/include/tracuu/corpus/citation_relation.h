// What a text does with a document it cites, read from the words before the citation: implements
// it ("triển khai thực hiện Kết luận 114"), reviews it ("sơ kết 5 năm thực hiện ..."), replaces,
// amends or guides it, or rests on it ("Căn cứ ...").
#pragma once

#include <optional>
#include <string>

namespace tracuu::corpus {

// The relation slug (`trien-khai`, `quan-triet`, `so-ket`, `tong-ket`, `tiep-tuc`, `thay-the`,
// `sua-doi`, `huong-dan`, `can-cu`) of the citation that starts at byte `start` of `text`
// (normalize_keep_case form), or none when the words before it name no relation. Words before
// `floor` (where the previous citation ends) belong to that citation.
std::optional<std::string> citation_relation(const std::string& text, std::size_t start,
                                             std::size_t floor = 0);

// True when text[from, to) only joins two citations of one list ("..., ", " và ", " ngày
// 28/12/2016, "): the second shares the first one's relation ("Thực hiện Nghị định số 83/...,
// Thông tư số 39/...").
bool continues_list(const std::string& text, std::size_t from, std::size_t to);

// The Vietnamese label of a relation slug ("so-ket" -> "Sơ kết"); the slug itself if unknown.
std::string relation_label(const std::string& slug);

}  // namespace tracuu::corpus
