#include "core/privacy/cpr.h"

#include <gtest/gtest.h>

#include <string>

#include "core/privacy/cpr_shape.h"

namespace samsag::privacy {
namespace {

// Public test numbers (domain.md §6): MedCom test patients and HL7 Denmark DK-core examples.
constexpr const char* kMedComTestPatient = "0201609995";
constexpr const char* kDkCoreExample = "0101901234";

void expect_invalid(const std::string& text) {
  const auto cpr = Cpr::parse(text);
  ASSERT_FALSE(cpr.ok()) << "accepted: " << mask_cpr_shaped(text);
  EXPECT_EQ(cpr.error().code, "INVALID_CPR");
  // The sentence goes to dead letters, logs and HTTP answers: it must not carry the number.
  EXPECT_EQ(cpr.error().message.find(text), std::string::npos);
  EXPECT_FALSE(contains_cpr_shaped(cpr.error().message));
}

TEST(Cpr, AcceptsTenDigits) {
  const auto cpr = Cpr::parse(kMedComTestPatient);
  ASSERT_TRUE(cpr.ok());
  EXPECT_EQ(cpr->digits(), kMedComTestPatient);
  EXPECT_EQ(cpr->birth_day(), 2);
  EXPECT_EQ(cpr->birth_month(), 1);
  EXPECT_EQ(cpr->birth_year(), 1960);
}

TEST(Cpr, NormalisesTheDashedForm) {
  const auto cpr = Cpr::parse("020160-9995");
  ASSERT_TRUE(cpr.ok());
  EXPECT_EQ(cpr->digits(), kMedComTestPatient);
  EXPECT_EQ(cpr.value(), Cpr::parse(kMedComTestPatient).value());
}

TEST(Cpr, TrimsSurroundingWhiteSpace) {
  const auto cpr = Cpr::parse(" \t020160-9995\r\n");
  ASSERT_TRUE(cpr.ok());
  EXPECT_EQ(cpr->digits(), kMedComTestPatient);
}

TEST(Cpr, DoesNotCheckModulus11) {
  // 0101901234 fails modulus 11: the class of numbers CPR has issued since 2007.
  const auto cpr = Cpr::parse(kDkCoreExample);
  ASSERT_TRUE(cpr.ok());
  EXPECT_EQ(cpr->birth_year(), 1990);
  EXPECT_TRUE(Cpr::parse("1503901234").ok());
}

TEST(Cpr, ReportsMissingForEmptyOrBlankInput) {
  for (const char* text : {"", "   ", "\t\r\n"}) {
    const auto cpr = Cpr::parse(text);
    ASSERT_FALSE(cpr.ok());
    EXPECT_EQ(cpr.error().code, "MISSING_CPR");
  }
}

TEST(Cpr, RejectsLetters) {
  expect_invalid("02016O9995");
  expect_invalid("020160-999X");
  expect_invalid("abcdefghij");
}

TEST(Cpr, RejectsNineOrElevenDigits) {
  expect_invalid("020160999");
  expect_invalid("02016099951");
  expect_invalid("020160-999");
  expect_invalid("020160-99951");
}

TEST(Cpr, RejectsADashInTheWrongPlace) {
  expect_invalid("02016-09995");
  expect_invalid("0201609-995");
  expect_invalid("020160--9995");
  expect_invalid("-0201609995");
  expect_invalid("020160 9995");
  expect_invalid("020160/9995");
}

TEST(Cpr, RejectsNonAsciiDigits) {
  expect_invalid("０２０１６０９９９５");  // full-width digits
}

TEST(Cpr, RejectsImpossibleMonths) {
  expect_invalid("0100601234");
  expect_invalid("0113601234");
}

TEST(Cpr, RejectsImpossibleDays) {
  expect_invalid("0001601234");
  expect_invalid("3201601234");
}

TEST(Cpr, RejectsThirtyFirstOfApril) {
  expect_invalid("310460-1234");
  EXPECT_TRUE(Cpr::parse("300460-1234").ok());
  EXPECT_TRUE(Cpr::parse("310560-1234").ok());
}

TEST(Cpr, RejectsTwentyNinthOfFebruary1900) {
  expect_invalid("290200-1234");  // 7th digit 1: the 1900s, and 1900 was no leap year
  expect_invalid("290200-0234");
  expect_invalid("290200-3234");
}

TEST(Cpr, AcceptsTwentyNinthOfFebruary2000) {
  for (const char* text : {"290200-4234", "290200-5234", "290200-8234", "290200-9234"}) {
    const auto cpr = Cpr::parse(text);
    ASSERT_TRUE(cpr.ok()) << text;
    EXPECT_EQ(cpr->birth_year(), 2000);
  }
}

TEST(Cpr, TwentyNinthOfFebruaryFollowsTheCenturyOfTheYear) {
  EXPECT_TRUE(Cpr::parse("290296-1234").ok());  // 1996
  expect_invalid("290297-1234");                // 1997
  EXPECT_TRUE(Cpr::parse("290296-9234").ok());  // 1996 (9 with YY > 36)
  EXPECT_TRUE(Cpr::parse("290296-5234").ok());  // 1896: leap year
  expect_invalid("290258-5234");                // 1858
}

TEST(Cpr, CenturyTableRowZeroToThreeIsThe1900s) {
  for (int seventh = 0; seventh <= 3; ++seventh) {
    EXPECT_EQ(cpr_birth_year(seventh, 0), 1900);
    EXPECT_EQ(cpr_birth_year(seventh, 36), 1936);
    EXPECT_EQ(cpr_birth_year(seventh, 37), 1937);
    EXPECT_EQ(cpr_birth_year(seventh, 57), 1957);
    EXPECT_EQ(cpr_birth_year(seventh, 58), 1958);
    EXPECT_EQ(cpr_birth_year(seventh, 99), 1999);
  }
}

TEST(Cpr, CenturyTableRowFourAndNine) {
  for (int seventh : {4, 9}) {
    EXPECT_EQ(cpr_birth_year(seventh, 0), 2000);
    EXPECT_EQ(cpr_birth_year(seventh, 36), 2036);
    EXPECT_EQ(cpr_birth_year(seventh, 37), 1937);
    EXPECT_EQ(cpr_birth_year(seventh, 57), 1957);
    EXPECT_EQ(cpr_birth_year(seventh, 58), 1958);
    EXPECT_EQ(cpr_birth_year(seventh, 99), 1999);
  }
}

TEST(Cpr, CenturyTableRowFiveToEight) {
  for (int seventh = 5; seventh <= 8; ++seventh) {
    EXPECT_EQ(cpr_birth_year(seventh, 0), 2000);
    EXPECT_EQ(cpr_birth_year(seventh, 36), 2036);
    EXPECT_EQ(cpr_birth_year(seventh, 37), 2037);
    EXPECT_EQ(cpr_birth_year(seventh, 57), 2057);
    EXPECT_EQ(cpr_birth_year(seventh, 58), 1858);
    EXPECT_EQ(cpr_birth_year(seventh, 99), 1899);
  }
}

TEST(Cpr, ParsedNumbersCarryTheCenturyFromTheTable) {
  EXPECT_EQ(Cpr::parse("0101361234").value().birth_year(), 1936);
  EXPECT_EQ(Cpr::parse("0101364234").value().birth_year(), 2036);
  EXPECT_EQ(Cpr::parse("0101374234").value().birth_year(), 1937);
  EXPECT_EQ(Cpr::parse("0101575234").value().birth_year(), 2057);
  EXPECT_EQ(Cpr::parse("0101585234").value().birth_year(), 1858);
  EXPECT_EQ(Cpr::parse("0101589234").value().birth_year(), 1958);
}

}  // namespace
}  // namespace samsag::privacy
