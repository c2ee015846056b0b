#include "adapters/employment/checkpoint_schedule.h"

#include <gtest/gtest.h>

namespace samsag::adapters::employment {
namespace {

using namespace std::chrono_literals;
using Clock = CheckpointSchedule::Clock;

SpoolMark mark_at(std::uint64_t sequence, bool end_of_file = false) {
  return SpoolMark{.file = "a.csv",
                   .offset = sequence * 100,
                   .line = sequence * 10,
                   .end_of_file = end_of_file,
                   .sequence = sequence};
}

TEST(CheckpointScheduleTest, NothingConfirmedIsNeverDue) {
  const Clock::time_point start{};
  CheckpointSchedule schedule(250ms, start);
  EXPECT_FALSE(schedule.due(start + 10s, /*idle=*/true));
}

TEST(CheckpointScheduleTest, AMarkInsideAFileWaitsForTheInterval) {
  const Clock::time_point start{};
  CheckpointSchedule schedule(250ms, start);
  schedule.confirmed(mark_at(1));
  EXPECT_FALSE(schedule.due(start + 249ms, false));
  ASSERT_TRUE(schedule.due(start + 250ms, false));
  EXPECT_EQ(schedule.due(start + 250ms, false)->sequence, 1u);
}

TEST(CheckpointScheduleTest, TheNewestConfirmedMarkIsTheOneDue) {
  const Clock::time_point start{};
  CheckpointSchedule schedule(250ms, start);
  schedule.confirmed(mark_at(1));
  schedule.confirmed(mark_at(2));
  schedule.confirmed(mark_at(3));
  ASSERT_TRUE(schedule.due(start + 1s, false));
  EXPECT_EQ(schedule.due(start + 1s, false)->sequence, 3u);
}

TEST(CheckpointScheduleTest, AFilesEndAndAnIdleSpoolAreDueAtOnce) {
  const Clock::time_point start{};
  CheckpointSchedule schedule(250ms, start);
  schedule.confirmed(mark_at(1, /*end_of_file=*/true));
  EXPECT_TRUE(schedule.due(start, false));
  schedule.committed(start);
  schedule.confirmed(mark_at(2));
  EXPECT_FALSE(schedule.due(start + 1ms, false));
  EXPECT_TRUE(schedule.due(start + 1ms, /*idle=*/true));
}

TEST(CheckpointScheduleTest, ACommittedMarkIsNotOfferedAgainAndRestartsTheInterval) {
  const Clock::time_point start{};
  CheckpointSchedule schedule(250ms, start);
  schedule.confirmed(mark_at(1));
  schedule.committed(start + 300ms);
  EXPECT_FALSE(schedule.pending());
  EXPECT_FALSE(schedule.due(start + 10s, true));
  schedule.confirmed(mark_at(2));
  EXPECT_FALSE(schedule.due(start + 500ms, false));
  EXPECT_TRUE(schedule.due(start + 550ms, false));
}

}  // namespace
}  // namespace samsag::adapters::employment
