#include "core/kafka/admin.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/kafka/error_codes.h"
#include "tests/unit/core/kafka/kafka_test_support.h"

namespace samsag::kafka {
namespace {

using namespace testing;

Admin make_admin(const std::string& bootstrap) {
  return value_or_throw(
      Admin::create(value_or_throw(KafkaSettings::for_admin(kafka_config(bootstrap)))));
}

TEST(Admin, ListsTopicsWithTheirPartitionCounts) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.social.v1", 2).ok());
  ASSERT_TRUE(cluster.create_topic("aarhus.case.v1", 5).ok());
  auto admin = make_admin(cluster.bootstrap());

  auto topics = admin.list_topics(deadline_in(5s));
  ASSERT_TRUE(topics.ok()) << topics.error().message;
  EXPECT_EQ(*topics,
            (std::vector<TopicDescription>{{"aarhus.case.v1", 5}, {"aarhus.social.v1", 2}}));
}

TEST(Admin, ReportsMissingTopicsWithoutCreatingThem) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.social.v1", 2).ok());
  ASSERT_TRUE(cluster.create_topic("aarhus.health.v1", 3).ok());
  auto admin = make_admin(cluster.bootstrap());

  auto counts = admin.partition_counts({"aarhus.social.v1", "aarhus.region.v1", "aarhus.health.v1"},
                                       deadline_in(5s));
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_EQ(counts->found,
            (std::map<std::string, int>{{"aarhus.health.v1", 3}, {"aarhus.social.v1", 2}}));
  EXPECT_EQ(counts->missing, (std::vector<std::string>{"aarhus.region.v1"}));

  auto again = admin.partition_counts({"aarhus.region.v1"}, deadline_in(5s));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->missing, (std::vector<std::string>{"aarhus.region.v1"}));
}

TEST(Admin, GivesUpAtTheDeadlineWhenNoBrokerAnswers) {
  auto admin = make_admin(kUnreachableBootstrap);
  const auto started = Clock::now();
  auto topics = admin.list_topics(deadline_in(200ms));
  ASSERT_FALSE(topics.ok());
  EXPECT_TRUE(topics.error().code == errc::kTimedOut ||
              topics.error().code == errc::kBrokerUnreachable)
      << topics.error().code;
  EXPECT_LT(Clock::now() - started, 3s);
}

TEST(Admin, ReadsPartitionAndReplicaCountsOfExistingTopicsOnly) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.case.v1", 5).ok());
  auto admin = make_admin(cluster.bootstrap());

  auto placements = admin.placements({"aarhus.case.v1", "aarhus.dlq.v1"}, deadline_in(5s));
  ASSERT_TRUE(placements.ok()) << placements.error().message;
  // The mock cluster replicates every partition on min(3, brokers) brokers.
  const int replicas = std::min(3, static_cast<int>(cluster.brokers().size()));
  EXPECT_EQ(*placements,
            (std::map<std::string, TopicPlacement>{{"aarhus.case.v1", {5, replicas}}}));
}

// librdkafka 2.0.2's mock cluster implements neither CreateTopics nor DescribeConfigs nor
// AlterConfigs (src/rdkafka_mock_handlers.c); the config calls must say so at once instead of
// waiting for a controller the mock never names.
TEST(Admin, SaysTheEmbeddedBrokerDoesNotImplementTheTopicAdminApi) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.case.v1", 2).ok());
  auto admin = make_admin(cluster.bootstrap());

  const auto started = Clock::now();
  auto described = admin.describe_configs({"aarhus.case.v1"}, deadline_in(10s));
  ASSERT_FALSE(described.ok());
  EXPECT_EQ(described.error().code, errc::kUnsupported) << described.error().message;

  auto altered =
      admin.alter_configs("aarhus.case.v1", {{"cleanup.policy", "compact"}}, deadline_in(10s));
  ASSERT_FALSE(altered.ok());
  EXPECT_EQ(altered.error().code, errc::kUnsupported) << altered.error().message;
  EXPECT_LT(Clock::now() - started, 5s);
}

}  // namespace
}  // namespace samsag::kafka
