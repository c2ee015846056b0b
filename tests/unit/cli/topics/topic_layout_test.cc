#include "cli/topics/topic_layout.h"

#include <gtest/gtest.h>

#include "core/config/defaults.h"
#include "core/config/topics.h"

namespace samsag::cli::topics {
namespace {

samsag::config::v1::Config config_for(const std::string& slug) {
  samsag::config::v1::Config config;
  config.mutable_municipality()->set_slug(slug);
  config.mutable_kafka()->set_partitions(12);
  config.mutable_kafka()->set_replication_factor(3);
  config.mutable_kafka()->set_min_insync_replicas(2);
  return samsag::config::with_defaults(std::move(config));
}

const kafka::NewTopic& find(const std::vector<kafka::NewTopic>& layout, const std::string& name) {
  for (const auto& topic : layout) {
    if (topic.name == name) return topic;
  }
  throw std::runtime_error("no topic " + name);
}

std::string days_ms(long long days) { return std::to_string(days * kMillisecondsPerDay); }

TEST(TopicLayout, HasEveryTopicOfTheMunicipalityInOrder) {
  const auto layout = topic_layout(config_for("aarhus"));
  const auto names = samsag::config::Topics::for_municipality("aarhus").all();
  ASSERT_EQ(layout.size(), names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(layout[i].name, names[i]);
    EXPECT_EQ(layout[i].replication_factor, 3);
    EXPECT_EQ(layout[i].configs.at("min.insync.replicas"), "2");
  }
}

TEST(TopicLayout, RetentionFollowsTheDomainDefaults) {
  const auto layout = topic_layout(config_for("aarhus"));
  for (const char* sector : {"employment", "social", "health", "region"}) {
    const auto& topic = find(layout, std::string("aarhus.") + sector + ".v1");
    EXPECT_EQ(topic.partitions, 12);
    EXPECT_EQ(topic.configs.at("cleanup.policy"), "delete");
    EXPECT_EQ(topic.configs.at("retention.ms"), days_ms(30)) << sector;
  }
  EXPECT_EQ(find(layout, "aarhus.consent.v1").configs.at("retention.ms"), days_ms(730));
  EXPECT_EQ(find(layout, "aarhus.plan.v1").configs.at("retention.ms"), days_ms(730));
  EXPECT_EQ(find(layout, "aarhus.audit.v1").configs.at("retention.ms"), days_ms(1825));
  EXPECT_EQ(find(layout, "aarhus.dlq.v1").configs.at("retention.ms"), days_ms(14));
}

TEST(TopicLayout, CaseTopicIsCompactedWithoutRetention) {
  const auto layout = topic_layout(config_for("aarhus"));  // outlives the reference into it
  const auto& topic = find(layout, "aarhus.case.v1");
  EXPECT_EQ(topic.partitions, 12);
  EXPECT_EQ(topic.configs.at("cleanup.policy"), "compact");
  EXPECT_FALSE(topic.configs.contains("retention.ms"));
}

TEST(TopicLayout, MembersTopicHasOnePartitionAndIsCompacted) {
  const auto topics = samsag::config::Topics::for_municipality("aarhus");
  const auto layout = topic_layout(config_for("aarhus"));
  const auto& topic = find(layout, topics.members);
  EXPECT_EQ(topic.partitions, 1);
  EXPECT_EQ(topic.configs.at("cleanup.policy"), "compact");
}

TEST(TopicLayout, ConfiguredRetentionOverridesTheDefaults) {
  auto config = config_for("odense");
  config.mutable_kafka()->mutable_retention()->set_dlq_days(7);
  config.mutable_kafka()->mutable_retention()->set_audit_days(3650);
  const auto layout = topic_layout(config);
  EXPECT_EQ(find(layout, "odense.dlq.v1").configs.at("retention.ms"), days_ms(7));
  EXPECT_EQ(find(layout, "odense.audit.v1").configs.at("retention.ms"), days_ms(3650));
}

TEST(TopicLayout, LeavesReplicationAndMinInsyncToTheClusterWhenUnset) {
  auto config = config_for("aalborg");
  config.mutable_kafka()->set_replication_factor(0);
  config.mutable_kafka()->set_min_insync_replicas(0);
  for (const auto& topic : topic_layout(config)) {
    EXPECT_EQ(topic.replication_factor, 0);
    EXPECT_FALSE(topic.configs.contains("min.insync.replicas"));
  }
}

}  // namespace
}  // namespace samsag::cli::topics
