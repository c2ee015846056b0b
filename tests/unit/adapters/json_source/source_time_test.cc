#include "adapters/json_source/source_time.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

namespace samsag::adapters::json_source {
namespace {

std::string utc(std::string_view text, Result<google::protobuf::Timestamp> (*parse)(
                                           std::string_view) = parse_date_or_date_time) {
  auto time = parse(text);
  return time.ok() ? google::protobuf::util::TimeUtil::ToString(time.value())
                   : "error: " + time.error().code;
}

TEST(SourceTimeTest, WinterDateIsMidnightCopenhagenOneHourBeforeUtcMidnight) {
  EXPECT_EQ(utc("2026-03-09", parse_date), "2026-03-08T23:00:00Z");
}

TEST(SourceTimeTest, SummerDateIsMidnightCopenhagenTwoHoursBeforeUtcMidnight) {
  EXPECT_EQ(utc("2026-07-01", parse_date), "2026-06-30T22:00:00Z");
}

TEST(SourceTimeTest, MidnightOnTheDaysTheClocksChangeUsesTheOffsetBeforeTheChange) {
  // 2026: summer time from Sunday 29 March 02:00, to Sunday 25 October 03:00.
  EXPECT_EQ(utc("2026-03-29", parse_date), "2026-03-28T23:00:00Z");
  EXPECT_EQ(utc("2026-03-30", parse_date), "2026-03-29T22:00:00Z");
  EXPECT_EQ(utc("2026-10-25", parse_date), "2026-10-24T22:00:00Z");
  EXPECT_EQ(utc("2026-10-26", parse_date), "2026-10-25T23:00:00Z");
  // Until 1995 summer time ended in September.
  EXPECT_EQ(copenhagen_offset_minutes_at_midnight(1990, 10, 1), 60);  // 30 Sep was the Sunday
  EXPECT_EQ(copenhagen_offset_minutes_at_midnight(1996, 9, 30), 120);
}

TEST(SourceTimeTest, DateTimeHonoursItsOffsetAndFraction) {
  EXPECT_EQ(utc("2026-03-04T10:15:00+01:00"), "2026-03-04T09:15:00Z");
  EXPECT_EQ(utc("2026-03-04T09:15:00Z"), "2026-03-04T09:15:00Z");
  EXPECT_EQ(utc("2026-03-04T09:15:00.5-02:30"), "2026-03-04T11:45:00.500Z");
  EXPECT_EQ(utc("2026-03-04T09:15:00.1234567891Z"), "2026-03-04T09:15:00.123456789Z");
}

TEST(SourceTimeTest, RejectsThirtyFirstOfFebruaryAndOtherImpossibleDays) {
  EXPECT_EQ(utc("2026-02-31"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2025-02-29"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2024-02-29"), "2024-02-28T23:00:00Z");
  EXPECT_EQ(utc("2026-13-01"), "error: INVALID_DATE");
  EXPECT_EQ(utc("0000-01-01"), "error: INVALID_DATE");
}

TEST(SourceTimeTest, RejectsTimesWithoutOffsetOrOutOfRange) {
  EXPECT_EQ(utc("2026-03-04T10:15:00"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04T10:15"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04T24:00:00Z"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04T10:60:00Z"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04T10:15:00+15:00"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04T10:15:00.Z"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04T10:15:00Z "), "error: INVALID_DATE");
}

TEST(SourceTimeTest, RejectsPartialDatesWhereATimePointIsNeeded) {
  EXPECT_EQ(utc("2026"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03"), "error: INVALID_DATE");
  EXPECT_EQ(utc("04-03-2026"), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04T10:15:00Z", parse_date), "error: INVALID_DATE");
  EXPECT_EQ(utc("2026-03-04", parse_date_time), "error: INVALID_DATE");
}

}  // namespace
}  // namespace samsag::adapters::json_source
