#include "core/broker/topic_spec.h"

#include <gtest/gtest.h>

#include "core/broker/embedded_broker.h"

namespace samsag::broker {
namespace {

TEST(ParseTopicSpec, ReadsNameAndPartitions) {
  const auto topic = parse_topic_spec("aarhus.case.v1:6");
  ASSERT_TRUE(topic.ok());
  EXPECT_EQ(*topic, (TopicSpec{"aarhus.case.v1", 6}));
}

TEST(ParseTopicSpec, RejectsMissingPartitionCount) {
  const auto topic = parse_topic_spec("aarhus.case.v1");
  ASSERT_FALSE(topic.ok());
  EXPECT_EQ(topic.error().code, "INVALID_TOPIC");
}

TEST(ParseTopicSpec, RejectsZeroNegativeAndTooManyPartitions) {
  EXPECT_FALSE(parse_topic_spec("t:0").ok());
  EXPECT_FALSE(parse_topic_spec("t:-3").ok());
  EXPECT_FALSE(parse_topic_spec("t:" + std::to_string(kMaxPartitions + 1)).ok());
  EXPECT_TRUE(parse_topic_spec("t:" + std::to_string(kMaxPartitions)).ok());
}

TEST(ParseTopicSpec, RejectsTextAfterTheCount) { EXPECT_FALSE(parse_topic_spec("t:3x").ok()); }

TEST(ParseTopicSpec, RejectsANameKafkaWouldRefuse) {
  const auto topic = parse_topic_spec("aarhus/case:3");
  ASSERT_FALSE(topic.ok());
  EXPECT_EQ(topic.error().code, "INVALID_TOPIC_NAME");
}

TEST(CheckTopicName, AcceptsKafkaNameCharacters) {
  EXPECT_TRUE(check_topic_name("Aarhus_case-v1.x").ok());
}

TEST(CheckTopicName, RejectsEmptyDotsAndOverlongNames) {
  EXPECT_FALSE(check_topic_name("").ok());
  EXPECT_FALSE(check_topic_name(".").ok());
  EXPECT_FALSE(check_topic_name("..").ok());
  EXPECT_FALSE(check_topic_name(std::string(250, 'a')).ok());
  EXPECT_TRUE(check_topic_name(std::string(249, 'a')).ok());
}

TEST(DistinctTopics, KeepsTheFirstOfIdenticalRequests) {
  const auto topics = distinct_topics({{"a", 3}, {"b", 1}, {"a", 3}});
  ASSERT_TRUE(topics.ok());
  EXPECT_EQ(*topics, (std::vector<TopicSpec>{{"a", 3}, {"b", 1}}));
}

TEST(DistinctTopics, RejectsOneNameWithTwoPartitionCounts) {
  const auto topics = distinct_topics({{"a", 3}, {"a", 4}});
  ASSERT_FALSE(topics.ok());
  EXPECT_EQ(topics.error().code, "TOPIC_CONFLICT");
}

}  // namespace
}  // namespace samsag::broker
