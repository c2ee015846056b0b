#include "cli/dlq/dead_letter_selection.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

namespace samsag::cli::dlq {
namespace {

using google::protobuf::util::TimeUtil;

StoredDeadLetter letter(std::int32_t partition, std::int64_t offset,
                        samsag::v1::DeadLetterReason reason, const std::string& component,
                        std::int64_t rejected_at_seconds) {
  StoredDeadLetter stored{partition, offset, {}, std::nullopt};
  stored.letter.set_reason(reason);
  stored.letter.mutable_origin()->set_component(component);
  stored.letter.mutable_origin()->set_source_system("momentum");
  stored.letter.mutable_rejected_at()->set_seconds(rejected_at_seconds);
  return stored;
}

TEST(DeadLetterSelection, ReasonsAreReadWithOrWithoutPrefixInAnyCase) {
  EXPECT_EQ(*parse_reason("wrong_municipality"), samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY);
  EXPECT_EQ(*parse_reason("DEAD_LETTER_REASON_INVALID_CPR"),
            samsag::v1::DEAD_LETTER_REASON_INVALID_CPR);
  EXPECT_EQ(parse_reason("UNSPECIFIED").error().code, "INVALID_REASON");
  EXPECT_EQ(parse_reason("SOMETHING").error().code, "INVALID_REASON");
}

TEST(DeadLetterSelection, SinceTakesATimeADateOrASpanBackFromNow) {
  const auto now = TimeUtil::SecondsToTimestamp(1'800'000'000);
  EXPECT_EQ(parse_since("2026-03-02T10:00:00Z", now)->seconds(), 1'772'445'600);
  EXPECT_EQ(parse_since("2026-03-02T11:00:00+01:00", now)->seconds(), 1'772'445'600);
  EXPECT_EQ(parse_since("2026-03-02", now)->seconds(), 1'772'409'600);
  EXPECT_EQ(parse_since("36h", now)->seconds(), 1'800'000'000 - 36 * 3600);
  EXPECT_EQ(parse_since("7d", now)->seconds(), 1'800'000'000 - 7 * 86400);
  EXPECT_EQ(parse_since("90m", now)->seconds(), 1'800'000'000 - 90 * 60);
  for (const char* bad : {"", "yesterday", "7w", "-3d", "2026-13-01"}) {
    EXPECT_EQ(parse_since(bad, now).error().code, "INVALID_TIME") << bad;
  }
}

TEST(DeadLetterSelection, PositionsArePartitionColonOffset) {
  EXPECT_EQ(*parse_position("2:1041"), std::make_pair(2, std::int64_t{1041}));
  for (const char* bad : {"2", ":3", "2:", "a:1", "1:-1", "1:2:3"}) {
    EXPECT_EQ(parse_position(bad).error().code, "INVALID_POSITION") << bad;
  }
}

TEST(DeadLetterSelection, FiltersCombineAndTheLimitCountsMatches) {
  std::vector<StoredDeadLetter> letters{
      letter(0, 0, samsag::v1::DEAD_LETTER_REASON_INVALID_CPR, "adapter employment", 100),
      letter(0, 1, samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY, "adapter employment", 200),
      letter(1, 0, samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY, "adapter social", 300),
      letter(1, 1, samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY, "adapter employment", 400)};

  DeadLetterSelection by_reason{.reason = samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY};
  EXPECT_EQ(by_reason.apply(letters).size(), 3U);

  DeadLetterSelection by_source{.source = "employment"};
  EXPECT_EQ(by_source.apply(letters).size(), 3U);
  EXPECT_EQ(DeadLetterSelection{.source = "adapter social"}.apply(letters).size(), 1U);
  EXPECT_EQ(DeadLetterSelection{.source = "momentum"}.apply(letters).size(), 4U);

  DeadLetterSelection combined{.reason = samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY,
                               .source = "employment",
                               .since = TimeUtil::SecondsToTimestamp(300)};
  const auto selected = combined.apply(letters);
  ASSERT_EQ(selected.size(), 1U);
  EXPECT_EQ(position_of(selected[0]), "1:1");

  DeadLetterSelection limited{.reason = samsag::v1::DEAD_LETTER_REASON_WRONG_MUNICIPALITY,
                              .limit = 2};
  const auto first_two = limited.apply(letters);
  ASSERT_EQ(first_two.size(), 2U);
  EXPECT_EQ(position_of(first_two[1]), "1:0");

  DeadLetterSelection at{.positions = {{1, 0}}};
  ASSERT_EQ(at.apply(letters).size(), 1U);
  EXPECT_EQ(at.apply(letters)[0].letter.origin().component(), "adapter social");
}

}  // namespace
}  // namespace samsag::cli::dlq
