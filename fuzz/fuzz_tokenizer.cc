// libFuzzer target: the tokenizer, segmenter, normalizer and document-number parser on any bytes.
// Invariants checked: no crash, offsets inside the input and increasing, valid UTF-8 out.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tracuu/tokenizer/docnum.h"
#include "tracuu/tokenizer/normalizer.h"
#include "tracuu/tokenizer/tokenizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto& tok = tracuu::tokenizer::Tokenizer::shared();
  auto tokens = tok.tokenize(input);
  std::size_t last_end = 0;
  for (const auto& t : tokens) {
    if (t.start < last_end || t.end > size || t.start >= t.end) std::abort();
    if (!tracuu::tokenizer::is_valid_utf8(t.norm) || !tracuu::tokenizer::is_valid_utf8(t.fold)) std::abort();
    last_end = t.end;
  }
  tok.segment(input, tokens);
  std::string line = tok.segment_line(input);
  if (!tracuu::tokenizer::is_valid_utf8(tracuu::tokenizer::normalize(input))) std::abort();
  tracuu::tokenizer::fold(input);
  tracuu::tokenizer::parse_docnum(input.substr(0, 80));
  return 0;
}
