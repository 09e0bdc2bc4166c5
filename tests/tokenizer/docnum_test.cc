// Document numbers: every variant parses to one canonical form.
#include "tracuu/tokenizer/docnum.h"

#include <gtest/gtest.h>

using tracuu::tokenizer::parse_docnum;

static std::string canon(std::string_view s) {
  auto d = parse_docnum(s);
  return d ? d->canonical : "<none>";
}

TEST(DocNum, ParsesPartyNumbers) {
  EXPECT_EQ(canon("114-KL/TW"), "114-KL/TW");
  EXPECT_EQ(canon("03-KH/TU"), "03-KH/TU");
  EXPECT_EQ(canon("49-CT/TW"), "49-CT/TW");
  auto d = parse_docnum("05-CT/TW");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->party);
  EXPECT_EQ(d->type_code, "CT");
  EXPECT_EQ(d->issuer, "TW");
}

TEST(DocNum, UnifiesPartyNumbersWrittenInStateStyle) {
  EXPECT_EQ(canon("114/KL-TW"), "114-KL/TW");
  EXPECT_EQ(canon("114 - KL/TW"), "114-KL/TW");
  EXPECT_EQ(canon("114-kl/tw"), "114-KL/TW");
}

TEST(DocNum, ParsesStateNumbersWithAndWithoutYear) {
  EXPECT_EQ(canon("277/KH-UBND"), "277/KH-UBND");
  EXPECT_EQ(canon("13/2018/NQ-HĐND"), "13/2018/NQ-HĐND");
  EXPECT_EQ(canon("855/NQ-UBTVQH14"), "855/NQ-UBTVQH14");
  EXPECT_EQ(canon("05/2023/TT-BNV"), "05/2023/TT-BNV");
  EXPECT_EQ(canon("77/2015/QH13"), "77/2015/QH13");
  auto d = parse_docnum("13/2018/NQ-HĐND");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year, "2018");
  EXPECT_FALSE(d->party);
}

TEST(DocNum, KeepsTheMixedCaseOfPrimeMinisterCodes) {
  EXPECT_EQ(canon("16/CT-TTg"), "16/CT-TTg");
  EXPECT_EQ(canon("16-CT/TTg"), "16/CT-TTg");
  EXPECT_EQ(canon("16/CT-TTG"), "16/CT-TTg");
}

TEST(DocNum, ReadsEthInsideCodes) { EXPECT_EQ(canon("13/2018/NQ-H\u00D0ND"), "13/2018/NQ-HĐND"); }

TEST(DocNum, RejectsDatesNumbersAndWords) {
  EXPECT_FALSE(parse_docnum("20/10/2015"));
  EXPECT_FALSE(parse_docnum("11/2019"));
  EXPECT_FALSE(parse_docnum("1.125"));
  EXPECT_FALSE(parse_docnum("KL/TW"));
  EXPECT_FALSE(parse_docnum(""));
  EXPECT_FALSE(parse_docnum(std::string(1000, '1')));
}
