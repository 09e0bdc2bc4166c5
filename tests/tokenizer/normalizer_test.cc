// Normalization rules: tone placement, look-alike letters, invisible and typographic characters.
#include "tracuu/tokenizer/normalizer.h"

#include <gtest/gtest.h>

using tracuu::tokenizer::fold;
using tracuu::tokenizer::is_valid_utf8;
using tracuu::tokenizer::normalize;
using tracuu::tokenizer::normalize_keep_case;

TEST(Normalizer, UnifiesOldAndNewTonePlacement) {
  EXPECT_EQ(normalize("hoá"), normalize("hóa"));
  EXPECT_EQ(normalize("uỷ ban"), normalize("ủy ban"));
  EXPECT_EQ(normalize("Thuý"), normalize("thúy"));
  EXPECT_EQ(normalize("khoẻ"), normalize("khỏe"));
  EXPECT_EQ(normalize("hoà bình"), normalize("hòa bình"));
  EXPECT_EQ(normalize("qúy"), normalize("quý"));
  EXPECT_EQ(normalize("hóa"), "hóa");
}

TEST(Normalizer, KeepsToneOnTheRightVowelWhenAFinalConsonantFollows) {
  EXPECT_EQ(normalize("toán"), "toán");
  EXPECT_EQ(normalize("hoàng"), "hoàng");
  EXPECT_EQ(normalize("quyết"), "quyết");
  EXPECT_EQ(normalize("người"), "người");
  EXPECT_EQ(normalize("giữ gìn"), "giữ gìn");
  EXPECT_EQ(normalize("khuỷu"), "khuỷu");
}

TEST(Normalizer, ComposesDecomposedInput) {
  EXPECT_EQ(normalize("Vie\u0323\u0302t"), "việt");
}

TEST(Normalizer, ReadsEthAsDStroke) {
  EXPECT_EQ(normalize_keep_case("\u00D0ảng"), "Đảng");
  EXPECT_EQ(normalize_keep_case("NQ-H\u00D0ND"), "NQ-HĐND");
  EXPECT_EQ(normalize_keep_case("\u0189oàn"), "Đoàn");
}

TEST(Normalizer, MapsSpacesQuotesAndInvisibleCharacters) {
  EXPECT_EQ(normalize("dân\u00A0vận"), "dân vận");
  EXPECT_EQ(normalize("chính\u200Bquyền"), "chínhquyền");
  EXPECT_EQ(normalize("cán\u00ADbộ"), "cánbộ");
  EXPECT_EQ(normalize("\u201Cgần dân\u201D"), "\"gần dân\"");
  EXPECT_EQ(normalize("\uFF21\uFF22\uFF23"), "abc");
}

TEST(Normalizer, LowercasesVietnameseCapitals) {
  EXPECT_EQ(normalize("ỦY BAN NHÂN DÂN TỈNH BẮC KẠN"), "ủy ban nhân dân tỉnh bắc kạn");
}

TEST(Folding, RemovesDiacriticsAndDStroke) {
  EXPECT_EQ(fold("Tỉnh ủy"), "tinh uy");
  EXPECT_EQ(fold("Đảng bộ Điện Biên"), "dang bo dien bien");
  EXPECT_EQ(fold("\u00D0ảng"), "dang");
  EXPECT_EQ(fold("thuý"), fold("thúy"));
}

TEST(Normalizer, TurnsInvalidUtf8IntoReplacementCharacters) {
  std::string bad = "d\xC3\x28n v\xFF\xFEn";
  EXPECT_FALSE(is_valid_utf8(bad));
  EXPECT_TRUE(is_valid_utf8("dân vận"));
  std::string out = normalize(bad);
  EXPECT_TRUE(is_valid_utf8(out));
  EXPECT_NE(out.find("\uFFFD"), std::string::npos);
}

TEST(Normalizer, HandlesEmptyInput) {
  EXPECT_EQ(normalize(""), "");
  EXPECT_EQ(fold(""), "");
}
