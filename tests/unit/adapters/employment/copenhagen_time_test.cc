#include "adapters/employment/copenhagen_time.h"

#include <gtest/gtest.h>

#include "adapters/employment/field_values.h"

namespace samsag::adapters::employment {
namespace {

constexpr std::int64_t kHour = 3600;

// Seconds since the epoch of a UTC time, computed independently of the code under test.
std::int64_t utc(int year, int month, int day, int hour, int minute) {
  return days_since_epoch({year, month, day}) * 86400 + hour * kHour + std::int64_t{minute} * 60;
}

std::int64_t local(int year, int month, int day, int hour, int minute, int second = 0) {
  return copenhagen_to_utc_seconds({{year, month, day}, hour, minute, second});
}

TEST(CopenhagenTimeTest, DaysSinceEpochMatchKnownDates) {
  EXPECT_EQ(days_since_epoch({1970, 1, 1}), 0);
  EXPECT_EQ(days_since_epoch({2000, 3, 1}), 11017);
  EXPECT_EQ(days_since_epoch({2026, 3, 29}), 20541);
}

TEST(CopenhagenTimeTest, WinterTimeIsOneHourAheadOfUtc) {
  EXPECT_EQ(local(2026, 1, 15, 10, 0), utc(2026, 1, 15, 9, 0));
  EXPECT_EQ(local(2026, 12, 31, 23, 30), utc(2026, 12, 31, 22, 30));
}

TEST(CopenhagenTimeTest, SummerTimeIsTwoHoursAheadOfUtc) {
  EXPECT_EQ(local(2026, 7, 1, 10, 0), utc(2026, 7, 1, 8, 0));
  EXPECT_EQ(local(2026, 3, 24, 10, 30), utc(2026, 3, 24, 9, 30));  // before the change
}

TEST(CopenhagenTimeTest, SummerTimeStartsOnTheLastSundayOfMarch) {
  // 2026-03-29 is the last Sunday of March: 02:00 local becomes 03:00.
  EXPECT_EQ(local(2026, 3, 29, 1, 59), utc(2026, 3, 29, 0, 59));
  EXPECT_EQ(local(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(local(2026, 3, 22, 3, 0), utc(2026, 3, 22, 2, 0));  // a week earlier: still winter
  // 2025-03-30 and 2024-03-31 are last Sundays too.
  EXPECT_EQ(local(2025, 3, 30, 12, 0), utc(2025, 3, 30, 10, 0));
  EXPECT_EQ(local(2024, 3, 31, 12, 0), utc(2024, 3, 31, 10, 0));
}

TEST(CopenhagenTimeTest, TimeInTheSpringGapIsReadAsWinterTime) {
  EXPECT_EQ(local(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 30));
  EXPECT_EQ(local(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
}

TEST(CopenhagenTimeTest, RepeatedAutumnHourTakesTheSummerTimeReading) {
  // 2026-10-25 is the last Sunday of October: 03:00 local becomes 02:00 again.
  EXPECT_EQ(local(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(local(2026, 10, 25, 2, 59, 59), utc(2026, 10, 25, 0, 59) + 59);
  EXPECT_EQ(local(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0));
  EXPECT_EQ(local(2026, 10, 25, 1, 30), utc(2026, 10, 24, 23, 30));
}

TEST(CopenhagenTimeTest, MidnightOfADateIsTheDayBeforeInUtc) {
  EXPECT_EQ(copenhagen_midnight_utc_seconds({2026, 3, 2}), utc(2026, 3, 1, 23, 0));
  EXPECT_EQ(copenhagen_midnight_utc_seconds({2026, 6, 30}), utc(2026, 6, 29, 22, 0));
}

TEST(CopenhagenTimeTest, ValidDatesFollowTheGregorianCalendar) {
  EXPECT_TRUE(is_valid_date({2024, 2, 29}));
  EXPECT_TRUE(is_valid_date({2000, 2, 29}));
  EXPECT_FALSE(is_valid_date({1900, 2, 29}));
  EXPECT_FALSE(is_valid_date({2026, 2, 29}));
  EXPECT_FALSE(is_valid_date({2026, 4, 31}));
  EXPECT_FALSE(is_valid_date({2026, 13, 1}));
  EXPECT_FALSE(is_valid_date({2026, 1, 0}));
  EXPECT_FALSE(is_valid_date({1899, 12, 31}));
}

}  // namespace
}  // namespace samsag::adapters::employment
