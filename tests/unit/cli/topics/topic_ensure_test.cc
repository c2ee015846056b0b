#include "cli/topics/topic_ensure.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/kafka/error_codes.h"
#include "core/kafka/mock_cluster.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::cli::topics {
namespace {

using kafka::ConfigSource;
using kafka::NewTopic;

// A cluster that implements the Admin API the way Kafka does: DescribeConfigs shows every config
// with its source, AlterConfigs replaces the topic's own configs (Kafka's legacy semantics).
class FakeCluster final : public TopicAdmin {
 public:
  struct Topic {
    kafka::TopicPlacement placement;
    std::map<std::string, std::string> own;  // the topic's own (dynamic topic) configs
  };
  std::map<std::string, Topic> topics;
  int creates = 0;
  int alters = 0;

  Result<std::map<std::string, kafka::TopicPlacement>> placements(
      const std::vector<std::string>& names, kafka::Deadline) override {
    std::map<std::string, kafka::TopicPlacement> found;
    for (const auto& name : names) {
      if (topics.contains(name)) found[name] = topics.at(name).placement;
    }
    return found;
  }
  Result<std::map<std::string, kafka::TopicConfigs>> describe_configs(
      const std::vector<std::string>& names, kafka::Deadline) override {
    std::map<std::string, kafka::TopicConfigs> described;
    for (const auto& name : names) {
      auto& configs = described[name];
      if (!topics.contains(name)) {
        configs.error = make_error(std::string(kafka::errc::kUnknownTopic), "no such topic");
        continue;
      }
      configs.entries["cleanup.policy"] = {"delete", ConfigSource::kDefault};
      configs.entries["retention.ms"] = {"604800000", ConfigSource::kDefault};
      configs.entries["min.insync.replicas"] = {"1", ConfigSource::kBroker};
      for (const auto& [key, value] : topics.at(name).own) {
        configs.entries[key] = {value, ConfigSource::kTopic};
      }
    }
    return described;
  }
  Result<std::map<std::string, Status>> create_topics(const std::vector<NewTopic>& requested,
                                                      kafka::Deadline) override {
    ++creates;
    std::map<std::string, Status> outcome;
    for (const auto& topic : requested) {
      topics[topic.name] = {{topic.partitions, topic.replication_factor}, topic.configs};
      outcome[topic.name] = ok_status();
    }
    return outcome;
  }
  Status alter_configs(const std::string& topic, const std::map<std::string, std::string>& configs,
                       kafka::Deadline) override {
    ++alters;
    topics.at(topic).own = configs;
    return ok_status();
  }
};

std::vector<NewTopic> layout() {
  return {
      {.name = "aarhus.social.v1",
       .partitions = 4,
       .replication_factor = 3,
       .configs = {{"cleanup.policy", "delete"}, {"retention.ms", "2592000000"}}},
      {.name = "aarhus.case.v1",
       .partitions = 4,
       .replication_factor = 3,
       .configs = {{"cleanup.policy", "compact"}}},
  };
}

const TopicReport& report_of(const EnsureReport& report, const std::string& topic) {
  auto it = std::find_if(report.topics.begin(), report.topics.end(),
                         [&](const auto& t) { return t.wanted.name == topic; });
  if (it == report.topics.end()) throw std::runtime_error("no report for " + topic);
  return *it;
}

TEST(TopicsEnsure, CreatesMissingTopicsWithTheirConfigsAndASecondRunChangesNothing) {
  FakeCluster cluster;
  auto first = ensure_topics(cluster, layout(), {});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->changed());
  EXPECT_FALSE(first->problems());
  EXPECT_EQ(report_of(*first, "aarhus.case.v1").status, TopicStatus::kCreated);
  EXPECT_EQ(report_of(*first, "aarhus.case.v1").configs, ConfigStatus::kSet);
  EXPECT_EQ(cluster.topics.at("aarhus.case.v1").own.at("cleanup.policy"), "compact");
  EXPECT_EQ(cluster.topics.at("aarhus.social.v1").placement, (kafka::TopicPlacement{4, 3}));

  auto second = ensure_topics(cluster, layout(), {});
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->changed());
  for (const auto& topic : second->topics) {
    EXPECT_EQ(topic.status, TopicStatus::kOk) << topic.wanted.name;
    EXPECT_EQ(topic.configs, ConfigStatus::kOk) << topic.wanted.name;
  }
  EXPECT_EQ(cluster.creates, 1);
  EXPECT_EQ(cluster.alters, 0);
  const auto lines = report_lines(*second);
  EXPECT_EQ(lines.front(),
            "topic=aarhus.social.v1 status=ok partitions=4 replication_factor=3 configs=ok");
  EXPECT_EQ(lines.back(),
            "summary topics=2 ok=2 created=0 corrected=0 problems=0 changed=no configs=checked");
}

TEST(TopicsEnsure, CorrectsADriftedConfigAndKeepsTheTopicsOtherOwnConfigs) {
  FakeCluster cluster;
  cluster.topics["aarhus.social.v1"] = {{4, 3},
                                        {{"retention.ms", "86400000"}, {"segment.ms", "1"}}};
  cluster.topics["aarhus.case.v1"] = {{4, 3}, {{"cleanup.policy", "compact"}}};

  auto report = ensure_topics(cluster, layout(), {});
  ASSERT_TRUE(report.ok()) << report.error().message;
  const auto& social = report_of(*report, "aarhus.social.v1");
  EXPECT_EQ(social.status, TopicStatus::kOk);
  EXPECT_EQ(social.configs, ConfigStatus::kCorrected);
  // AlterConfigs replaces the whole set: what samsag does not manage must be sent back.
  EXPECT_EQ(
      cluster.topics.at("aarhus.social.v1").own,
      (std::map<std::string, std::string>{
          {"cleanup.policy", "delete"}, {"retention.ms", "2592000000"}, {"segment.ms", "1"}}));
  EXPECT_EQ(report_of(*report, "aarhus.case.v1").configs, ConfigStatus::kOk);
  EXPECT_EQ(report_lines(*report).front(),
            "topic=aarhus.social.v1 status=ok partitions=4 replication_factor=3 configs=corrected "
            "changes=retention.ms:86400000->2592000000");
}

TEST(TopicsEnsure, ReportsAWrongPartitionCountAndNeverChangesIt) {
  FakeCluster cluster;
  cluster.topics["aarhus.social.v1"] = {
      {2, 3}, {{"cleanup.policy", "delete"}, {"retention.ms", "2592000000"}}};
  cluster.topics["aarhus.case.v1"] = {{4, 3}, {{"cleanup.policy", "compact"}}};

  auto report = ensure_topics(cluster, layout(), {});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->problems());
  EXPECT_EQ(report_of(*report, "aarhus.social.v1").status, TopicStatus::kWrongPartitions);
  EXPECT_EQ(cluster.topics.at("aarhus.social.v1").placement.partitions, 2);
  EXPECT_EQ(cluster.creates + cluster.alters, 0);
  EXPECT_NE(report_lines(*report).front().find(
                "status=wrong-partitions partitions=2 replication_factor=3 wanted_partitions=4"),
            std::string::npos);
}

TEST(TopicsEnsure, ReportsFewerReplicasThanConfiguredButAcceptsMore) {
  FakeCluster cluster;
  cluster.topics["aarhus.social.v1"] = {
      {4, 1}, {{"cleanup.policy", "delete"}, {"retention.ms", "2592000000"}}};
  cluster.topics["aarhus.case.v1"] = {{4, 5}, {{"cleanup.policy", "compact"}}};
  auto report = ensure_topics(cluster, layout(), {});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report_of(*report, "aarhus.social.v1").status, TopicStatus::kTooFewReplicas);
  EXPECT_EQ(report_of(*report, "aarhus.case.v1").status, TopicStatus::kOk);
}

TEST(TopicsEnsure, DryRunSaysWhatWouldChangeAndChangesNothing) {
  FakeCluster cluster;
  cluster.topics["aarhus.social.v1"] = {{4, 3}, {{"retention.ms", "86400000"}}};
  auto report = ensure_topics(cluster, layout(), {.dry_run = true});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report_of(*report, "aarhus.social.v1").configs, ConfigStatus::kWouldCorrect);
  EXPECT_EQ(report_of(*report, "aarhus.case.v1").status, TopicStatus::kWouldCreate);
  EXPECT_FALSE(report->changed());
  EXPECT_FALSE(report->problems());
  EXPECT_EQ(cluster.creates + cluster.alters, 0);
  EXPECT_EQ(cluster.topics.size(), 1U);
}

// The embedded broker (librdkafka's mock cluster) answers no Admin API request: topics with the
// right partitions are fine, configs are reported unchecked, a missing topic is a problem.
TEST(TopicsEnsure, OnTheEmbeddedBrokerVerifiesPartitionsAndSaysConfigsAreUnchecked) {
  auto cluster = kafka::MockCluster::start(3);
  ASSERT_TRUE(cluster.ok()) << cluster.error().message;
  ASSERT_TRUE(cluster->create_topic("aarhus.social.v1", 4).ok());
  ASSERT_TRUE(cluster->create_topic("aarhus.case.v1", 4).ok());
  samsag::config::v1::Kafka config;
  config.set_bootstrap(cluster->bootstrap());
  auto admin = kafka::Admin::create(*kafka::KafkaSettings::for_admin(config));
  ASSERT_TRUE(admin.ok());
  KafkaTopicAdmin topic_admin(*admin);

  auto report = ensure_topics(topic_admin, layout(), {.timeout = std::chrono::seconds(10)});
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_FALSE(report->problems());
  EXPECT_FALSE(report->changed());
  EXPECT_FALSE(report->configs_unchecked_reason.empty());
  for (const auto& topic : report->topics) {
    EXPECT_EQ(topic.status, TopicStatus::kOk) << topic.wanted.name;
    EXPECT_EQ(topic.configs, ConfigStatus::kUnchecked) << topic.wanted.name;
  }

  auto more = layout();
  more.push_back({.name = "aarhus.audit.v1", .partitions = 4});
  auto missing = ensure_topics(topic_admin, more, {.timeout = std::chrono::seconds(10)});
  ASSERT_TRUE(missing.ok());
  EXPECT_TRUE(missing->problems());
  EXPECT_EQ(report_of(*missing, "aarhus.audit.v1").status, TopicStatus::kMissing);
}

}  // namespace
}  // namespace samsag::cli::topics
