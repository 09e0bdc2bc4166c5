// TEMPORARY stub so the tree links; the tokenizer owner replaces this file.
#include <stdexcept>

#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

namespace tracuu::tokenizer {
std::string normalize_keep_case(std::string_view text) { return std::string(text); }
std::string normalize(std::string_view text) { return std::string(text); }
std::string fold(std::string_view text) { return std::string(text); }
bool is_valid_utf8(std::string_view) { return true; }
std::string_view token_type_name(TokenType) { return "word"; }
std::optional<DocNumber> parse_docnum(std::string_view) { return std::nullopt; }
struct Tokenizer::Impl {};
Tokenizer::Tokenizer(const std::string&) : impl_(std::make_unique<Impl>()) {}
Tokenizer::~Tokenizer() = default;
const Tokenizer& Tokenizer::shared() {
  static const Tokenizer instance(TRACUU_DEFAULT_DATA_DIR);
  return instance;
}
std::vector<Token> Tokenizer::tokenize(std::string_view) const { return {}; }
std::vector<Word> Tokenizer::segment(std::string_view, const std::vector<Token>&) const {
  return {};
}
std::string Tokenizer::segment_line(std::string_view line) const { return std::string(line); }
}  // namespace tracuu::tokenizer
