// Placeholder so the suite exists; replaced by real tokenizer tests.
#include <gtest/gtest.h>

#include "tracuu/tokenizer/normalizer.h"

TEST(TokenizerSmoke, NormalizeKeepsPlainAscii) {
  EXPECT_EQ(tracuu::tokenizer::normalize_keep_case("abc"), "abc");
}
