#include "core/privacy/cpr_shape.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace samsag::privacy {
namespace {

TEST(CprShape, FindsANumberWithOrWithoutDash) {
  EXPECT_TRUE(contains_cpr_shaped("0201609995"));
  EXPECT_TRUE(contains_cpr_shaped("patient 020160-9995 admitted"));
  EXPECT_TRUE(contains_cpr_shaped("{\"cpr\":\"0101901234\"}"));
}

TEST(CprShape, FindsNumbersThatAreNotValidCprNumbers) {
  // Wider than valid on purpose: 31 April and 29 February 1900 are still caught.
  EXPECT_TRUE(contains_cpr_shaped("310460-1234"));
  EXPECT_TRUE(contains_cpr_shaped("2902001234"));
}

TEST(CprShape, IgnoresNumbersInsideLongerRunsOfDigits) {
  EXPECT_FALSE(contains_cpr_shaped("10201609995"));
  EXPECT_FALSE(contains_cpr_shaped("02016099951"));
  EXPECT_FALSE(contains_cpr_shaped("1020160-9995"));
  EXPECT_FALSE(contains_cpr_shaped("020160-99951"));
}

TEST(CprShape, IgnoresImpossibleDaysAndMonths) {
  EXPECT_FALSE(contains_cpr_shaped("0001601234"));
  EXPECT_FALSE(contains_cpr_shaped("3201601234"));
  EXPECT_FALSE(contains_cpr_shaped("0100601234"));
  EXPECT_FALSE(contains_cpr_shaped("0113601234"));
}

TEST(CprShape, IgnoresOrdinaryText) {
  EXPECT_FALSE(contains_cpr_shaped(""));
  EXPECT_FALSE(contains_cpr_shaped("2026-03-04T10:00:00+01:00"));
  EXPECT_FALSE(contains_cpr_shaped("+45 8940 2000"));
  EXPECT_FALSE(contains_cpr_shaped("020160-999"));
  EXPECT_FALSE(contains_cpr_shaped("c123456e1234"));
}

TEST(CprShape, ListsEveryNumberAsWritten) {
  const std::string text = "a 020160-9995;0504909995 12345678901 3112991234";
  EXPECT_EQ(cpr_shaped_numbers(text),
            (std::vector<std::string_view>{"020160-9995", "0504909995", "3112991234"}));
  EXPECT_TRUE(cpr_shaped_numbers("no numbers here").empty());
}

TEST(CprShape, MasksEveryDigitAndKeepsTheDash) {
  EXPECT_EQ(mask_cpr_shaped("cpr=020160-9995;"), "cpr=XXXXXX-XXXX;");
  EXPECT_EQ(mask_cpr_shaped("0201609995"), "XXXXXXXXXX");
}

TEST(CprShape, MasksSeveralNumbersAndLeavesTheRest) {
  EXPECT_EQ(mask_cpr_shaped("a 0201609995 b 050490-9995 c 12345"),
            "a XXXXXXXXXX b XXXXXX-XXXX c 12345");
}

TEST(CprShape, MaskLeavesTextWithoutNumbersUnchanged) {
  const std::string text = "ingen personnumre her: 2026-11-02, tlf. 8940 2000";
  EXPECT_EQ(mask_cpr_shaped(text), text);
  EXPECT_EQ(mask_cpr_shaped(""), "");
}

TEST(CprShape, MaskedTextContainsNoCprShapedNumber) {
  const std::string masked = mask_cpr_shaped("0201609995;0504909995\n0101901234");
  EXPECT_FALSE(contains_cpr_shaped(masked));
}

}  // namespace
}  // namespace samsag::privacy
