// The bridge refuses to start unless every input and the case topic have one partition count.
#include "bridge/loop/co_partitioning.h"

#include <gtest/gtest.h>

namespace samsag::bridge {
namespace {

const std::vector<std::string> kInputs = {"m.employment.v1", "m.social.v1", "m.consent.v1"};

kafka::PartitionCounts counts(std::map<std::string, int> found,
                              std::vector<std::string> missing = {}) {
  return kafka::PartitionCounts{std::move(found), std::move(missing)};
}

TEST(CoPartitioning, EqualCountsGiveThatCount) {
  auto result = check_co_partitioned(
      counts({{"m.employment.v1", 6}, {"m.social.v1", 6}, {"m.consent.v1", 6}, {"m.case.v1", 6}}),
      kInputs, "m.case.v1");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 6);
}

TEST(CoPartitioning, RefusesWithEveryTopicAndItsCountNamed) {
  auto result = check_co_partitioned(
      counts({{"m.employment.v1", 6}, {"m.social.v1", 4}, {"m.consent.v1", 6}, {"m.case.v1", 6}}),
      kInputs, "m.case.v1");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, kNotCoPartitioned);
  for (const char* named :
       {"m.employment.v1 has 6", "m.social.v1 has 4", "m.case.v1 has 6", "not co-partitioned"}) {
    EXPECT_NE(result.error().message.find(named), std::string::npos) << result.error().message;
  }
}

TEST(CoPartitioning, CaseTopicWithAnotherCountIsRefused) {
  auto result = check_co_partitioned(
      counts({{"m.employment.v1", 3}, {"m.social.v1", 3}, {"m.consent.v1", 3}, {"m.case.v1", 1}}),
      kInputs, "m.case.v1");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, kNotCoPartitioned);
}

TEST(CoPartitioning, MissingTopicsAreNamed) {
  auto result = check_co_partitioned(
      counts({{"m.employment.v1", 3}, {"m.social.v1", 3}}, {"m.consent.v1", "m.case.v1"}), kInputs,
      "m.case.v1");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, kTopicsMissing);
  EXPECT_NE(result.error().message.find("m.consent.v1, m.case.v1"), std::string::npos);
}

}  // namespace
}  // namespace samsag::bridge
