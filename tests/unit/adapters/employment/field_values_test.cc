#include "adapters/employment/field_values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace samsag::adapters::employment {
namespace {

MATCHER_P3(IsDate, year, month, day, "") {
  return arg.has_value() && arg->year == year && arg->month == month && arg->day == day;
}

TEST(FieldValuesTest, ReadsIsoAndDanishDates) {
  EXPECT_THAT(parse_date("2026-03-02"), IsDate(2026, 3, 2));
  EXPECT_THAT(parse_date("02-03-2026"), IsDate(2026, 3, 2));
}

TEST(FieldValuesTest, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(parse_date("31-04-2026"));
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026/03/02"));
  EXPECT_FALSE(parse_date("2026-3-2"));
  EXPECT_FALSE(parse_date("20260302"));
  EXPECT_FALSE(parse_date("2026-03-02 10:00"));
  EXPECT_FALSE(parse_date(""));
}

TEST(FieldValuesTest, ReadsEveryLocalDateTimeForm) {
  for (const char* text : {"2026-03-24 10:30", "2026-03-24T10:30", "2026-03-24 10:30:00",
                           "2026-03-24T10:30:00", "24-03-2026 10:30", "24-03-2026 10:30:00"}) {
    const auto value = parse_local_date_time(text);
    ASSERT_TRUE(value) << text;
    EXPECT_EQ(value->date.day, 24) << text;
    EXPECT_EQ(value->hour, 10) << text;
    EXPECT_EQ(value->minute, 30) << text;
  }
  EXPECT_EQ(parse_local_date_time("2026-03-24 10:30:45")->second, 45);
}

TEST(FieldValuesTest, RejectsImpossibleTimes) {
  EXPECT_FALSE(parse_local_date_time("2026-03-24 24:00"));
  EXPECT_FALSE(parse_local_date_time("2026-03-24 10:60"));
  EXPECT_FALSE(parse_local_date_time("2026-03-24 10:30:60"));
  EXPECT_FALSE(parse_local_date_time("24-03-2026T10:30"));
  EXPECT_FALSE(parse_local_date_time("2026-03-24 10.30"));
  EXPECT_FALSE(parse_local_date_time("2026-02-30 10:30"));
  EXPECT_FALSE(parse_local_date_time("2026-03-24"));
}

TEST(FieldValuesTest, ReadsDecimalCommaAndPoint) {
  EXPECT_DOUBLE_EQ(*parse_decimal("12,5"), 12.5);
  EXPECT_DOUBLE_EQ(*parse_decimal("12.25"), 12.25);
  EXPECT_DOUBLE_EQ(*parse_decimal("37"), 37.0);
  EXPECT_FALSE(parse_decimal("1.000,5"));
  EXPECT_FALSE(parse_decimal("12,"));
  EXPECT_FALSE(parse_decimal(",5"));
  EXPECT_FALSE(parse_decimal("-1"));
  EXPECT_FALSE(parse_decimal("tolv"));
}

TEST(FieldValuesTest, ReadsYesAndNoInAnyCase) {
  EXPECT_EQ(parse_yes_no("ja"), true);
  EXPECT_EQ(parse_yes_no("JA"), true);
  EXPECT_EQ(parse_yes_no("True"), true);
  EXPECT_EQ(parse_yes_no("1"), true);
  EXPECT_EQ(parse_yes_no("Nej"), false);
  EXPECT_EQ(parse_yes_no("false"), false);
  EXPECT_EQ(parse_yes_no("0"), false);
  EXPECT_FALSE(parse_yes_no("måske"));
}

TEST(FieldValuesTest, MunicipalityCodeMayHaveALeadingZero) {
  EXPECT_EQ(parse_municipality_code("751"), 751U);
  EXPECT_EQ(parse_municipality_code("0751"), 751U);
  EXPECT_FALSE(parse_municipality_code("75"));
  EXPECT_FALSE(parse_municipality_code("00751"));
  EXPECT_FALSE(parse_municipality_code("7a1"));
}

TEST(FieldValuesTest, IdsAreShortPrintableAndNeverCprShaped) {
  EXPECT_TRUE(is_valid_id("EX.R1.1"));
  EXPECT_TRUE(is_valid_id("dbkws.M17.4"));
  EXPECT_TRUE(is_valid_id(std::string(128, 'a')));
  EXPECT_FALSE(is_valid_id(std::string(129, 'a')));
  EXPECT_FALSE(is_valid_id("R-0201609995"));
  EXPECT_FALSE(is_valid_id("R-020160-9995"));
  EXPECT_TRUE(is_valid_id("R-02016099951"));  // inside a longer digit run: not CPR-shaped
  EXPECT_FALSE(is_valid_id("a\tb"));
  EXPECT_FALSE(is_valid_id(""));
}

TEST(FieldValuesTest, TextIsLimitedInCharactersNotBytes) {
  EXPECT_TRUE(is_valid_text(std::string(50, 'a') + "æøå", 53));
  EXPECT_FALSE(is_valid_text(std::string(51, 'a') + "æøå", 53));
  EXPECT_FALSE(is_valid_text("ring 0504909995", 100));
}

TEST(FieldValuesTest, SourceSystemNamesUseASmallAlphabet) {
  EXPECT_TRUE(is_valid_source_system("samsag-gen"));
  EXPECT_TRUE(is_valid_source_system("KY_2.1"));
  EXPECT_FALSE(is_valid_source_system("momentum prod"));
  EXPECT_FALSE(is_valid_source_system(std::string(65, 'a')));
  EXPECT_FALSE(is_valid_source_system("0201609995"));
}

}  // namespace
}  // namespace samsag::adapters::employment
