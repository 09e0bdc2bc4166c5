// Official organ names as people write them in running text: headers and signature blocks are
// in capitals ("TỈNH ỦY LÀO CAI"), the archive shows "Tỉnh ủy Lào Cai".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracuu::corpus {

// "BAN CHẤP HÀNH TRUNG ƯƠNG" -> "Ban Chấp hành Trung ương", "ỦY BAN NHÂN DÂN TỈNH BẮC KẠN" ->
// "Ủy ban nhân dân tỉnh Bắc Kạn", "BỘ NỘI VỤ" -> "Bộ Nội vụ"; separator runs ("-------") dropped.
// Text that is not in capitals is returned as it is (trimmed).
std::string organ_name(std::string_view header_text);

// The organ of a signature line of a central Party text ("T/M BAN BÍ THƯ", "T/M BỘ CHÍNH TRỊ")
// or of a type line ("KẾT LUẬN CỦA BAN BÍ THƯ"): "Ban Bí thư" / "Bộ Chính trị".
std::optional<std::string> central_party_organ(std::string_view line);

}  // namespace tracuu::corpus
