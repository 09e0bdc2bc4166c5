// Telex and VNI keys typed without the input method, and the slips one key away.
#include "keyboard.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tracuu/tokenizer/normalizer.h"

using tracuu::indexer::decode_keys;
using tracuu::indexer::one_slip_away;
using tracuu::indexer::syllable_shaped;
using tracuu::tokenizer::normalize;

TEST(Keyboard, TelexKeysLeftAsLettersDecodeToTheSyllable) {
  EXPECT_EQ(decode_keys("vieetj").value_or(""), "việt");
  EXPECT_EQ(decode_keys("tinhr").value_or(""), "tỉnh");
  EXPECT_EQ(decode_keys("nguowif").value_or(""), "người");
  EXPECT_EQ(decode_keys("dduwowngf").value_or(""), "đường");
  EXPECT_EQ(decode_keys("khoas").value_or(""), normalize("khoá"));
  EXPECT_EQ(decode_keys("vietej").value_or(""), "việt") << "the circumflex typed after the final";
  EXPECT_EQ(decode_keys("vieetjj").value_or(""), "việt") << "a doubled tone key";
  EXPECT_EQ(decode_keys("gif").value_or(""), "gì");
}

TEST(Keyboard, VniDigitsDecodeToo) {
  EXPECT_EQ(decode_keys("vie6t5").value_or(""), "việt");
  EXPECT_EQ(decode_keys("d9u7o7ng2").value_or(""), "đường");
}

TEST(Keyboard, WordsWithoutKeysOrThatAreNoSyllableDecodeToNothing) {
  EXPECT_FALSE(decode_keys("tinh")) << "no key typed: the word is itself";
  EXPECT_FALSE(decode_keys("xqzjv"));
  EXPECT_FALSE(decode_keys("wpfk"));
  EXPECT_FALSE(decode_keys("ubnd"));
}

TEST(Keyboard, SyllableShapeTellsAbbreviationsFromWords) {
  EXPECT_TRUE(syllable_shaped("nghieng"));
  EXPECT_TRUE(syllable_shaped("tu"));
  EXPECT_TRUE(syllable_shaped("quyen"));
  EXPECT_FALSE(syllable_shaped("ubnd"));
  EXPECT_FALSE(syllable_shaped("hdnd"));
  EXPECT_FALSE(syllable_shaped("thpt"));
}

TEST(Keyboard, OneSlipAwayUndoesSwapsDoublingsAndDrops) {
  auto has = [](const std::string& typed, const std::string& meant) {
    auto all = one_slip_away(typed);
    return std::find(all.begin(), all.end(), meant) != all.end();
  };
  EXPECT_TRUE(has("itnh", "tinh"));
  EXPECT_TRUE(has("tinhh", "tinh"));
  EXPECT_TRUE(has("tnh", "tinh"));
  EXPECT_FALSE(has("tinh", "tinh")) << "the word itself is no slip";
}
