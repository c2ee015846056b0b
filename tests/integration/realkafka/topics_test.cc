// `samsag topics ensure` on Apache Kafka 3.9, which has the Admin API the embedded broker lacks:
// every topic of a municipality is created with its partitions, replication factor,
// min.insync.replicas and the cleanup and retention of domain.md §11, as Kafka's own kafka-topics
// describes them; a second run changes nothing and says so; a sector topic made beforehand with
// the wrong partition count is reported (exit 1) and `samsag bridge` refuses to start on it.
//
// Each test is a municipality of its own (slug "<name>-<random letters>"): the suite shares one
// cluster, and these topics never meet another test's.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "bridge_fixture.h"
#include "tests/integration/realkafka/apache_kafka.h"
#include "tests/support/child_process.h"

namespace samsag::bridge::itest {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using samsag::testing::ApacheKafka;

constexpr int kPartitions = 3;
constexpr long long kDay = 24LL * 60 * 60 * 1000;

// What `samsag topics ensure` printed on stdout, and its exit code.
struct EnsureRun {
  int exit_code = -1;
  std::vector<std::string> lines;

  // The line of `topic` ("" when there is none).
  std::string line_of(const std::string& topic) const {
    for (const auto& line : lines) {
      if (line.rfind("topic=" + topic + " ", 0) == 0) return line;
    }
    return {};
  }
  std::string summary() const { return lines.empty() ? std::string() : find("summary "); }
  std::string find(const std::string& start) const {
    for (const auto& line : lines) {
      if (line.rfind(start, 0) == 0) return line;
    }
    return {};
  }
};

EnsureRun topics_ensure(const fs::path& config_path) {
  samsag::testing::ChildProcess ensure(
      {samsag::testing::samsag_binary(), "topics", "ensure", "-c", config_path.string()});
  EnsureRun run;
  const auto output = ensure.read_all(120s);
  run.exit_code = output ? ensure.wait_for_exit(10s).value_or(-1) : -1;
  std::istringstream in(output.value_or(""));
  for (std::string line; std::getline(in, line);) run.lines.push_back(line);
  return run;
}

// A topic as kafka-topics --describe shows it: its header line
// "Topic: t  TopicId: ..  PartitionCount: 3  ReplicationFactor: 1  Configs: a=b,c=d".
struct DescribedTopic {
  int partitions = 0;
  int replication_factor = 0;
  std::map<std::string, std::string> configs;
};

std::map<std::string, DescribedTopic> describe_all(const ApacheKafka& cluster,
                                                   const std::string& slug) {
  const auto text = cluster.describe_topic(slug + "\\..*");
  std::map<std::string, DescribedTopic> topics;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> words;
    for (std::string word; fields >> word;) words.push_back(word);
    if (words.size() < 2 || words[0] != "Topic:" ||
        line.find("PartitionCount:") == std::string::npos) {
      continue;
    }
    DescribedTopic& topic = topics[words[1]];
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (words[i] == "PartitionCount:") topic.partitions = std::stoi(words[i + 1]);
      if (words[i] == "ReplicationFactor:") topic.replication_factor = std::stoi(words[i + 1]);
      if (words[i] == "Configs:") {
        std::istringstream list(words[i + 1]);
        for (std::string pair; std::getline(list, pair, ',');) {
          const auto equals = pair.find('=');
          if (equals != std::string::npos) {
            topic.configs[pair.substr(0, equals)] = pair.substr(equals + 1);
          }
        }
      }
    }
  }
  return topics;
}

class TopicsEnsureOnKafka : public ::testing::Test {
 protected:
  // A municipality of its own on the shared cluster.
  void use_municipality(const std::string& name) {
    slug_ = samsag::testing::unique_name(name + "-");
    topics_ = config::Topics::for_municipality(slug_);
    const ConfigOptions options{.partitions = kPartitions,
                                .slug = slug_,
                                .replication_factor = 1,
                                .min_insync_replicas = 1};
    config_path_ = write_config(scratch_.path(), cluster_.bootstrap(), options);
  }

  ApacheKafka cluster_;
  ScratchDirectory scratch_;
  std::string slug_;
  config::Topics topics_;
  fs::path config_path_;
};

TEST_F(TopicsEnsureOnKafka, CreatesEveryTopicAsTheDomainSaysAndASecondRunChangesNothing) {
  use_municipality("aarhus");
  const auto first = topics_ensure(config_path_);
  ASSERT_EQ(first.exit_code, 0) << ::testing::PrintToString(first.lines);
  for (const auto& topic : topics_.all()) {
    EXPECT_NE(first.line_of(topic).find(" status=created "), std::string::npos)
        << topic << ": " << first.line_of(topic);
  }
  EXPECT_NE(first.summary().find("created=10 "), std::string::npos) << first.summary();
  EXPECT_NE(first.summary().find("changed=yes"), std::string::npos) << first.summary();

  // Kafka's own view of what was made (domain.md §11: sector topics 30 days, consent and plan
  // 2 years, audit 5 years, dlq 14 days, the case topic compacted; members compacted too).
  const std::map<std::string, std::map<std::string, std::string>> wanted{
      {topics_.employment,
       {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(30 * kDay)}}},
      {topics_.social, {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(30 * kDay)}}},
      {topics_.health, {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(30 * kDay)}}},
      {topics_.region, {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(30 * kDay)}}},
      {topics_.consent,
       {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(730 * kDay)}}},
      {topics_.plan, {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(730 * kDay)}}},
      {topics_.audit,
       {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(1825 * kDay)}}},
      {topics_.dlq, {{"cleanup.policy", "delete"}, {"retention.ms", std::to_string(14 * kDay)}}},
      {topics_.case_, {{"cleanup.policy", "compact"}}},
      {topics_.members, {{"cleanup.policy", "compact"}}}};
  const auto described = describe_all(cluster_, slug_);
  ASSERT_EQ(described.size(), topics_.all().size()) << cluster_.describe_topic(slug_ + "\\..*");
  for (const auto& [topic, configs] : wanted) {
    const auto found = described.find(topic);
    ASSERT_NE(found, described.end()) << topic << " was not made";
    EXPECT_EQ(found->second.partitions, topic == topics_.members ? 1 : kPartitions) << topic;
    EXPECT_EQ(found->second.replication_factor, 1) << topic;
    EXPECT_EQ(found->second.configs.count("min.insync.replicas"), 1u) << topic;
    for (const auto& [name, value] : configs) {
      const auto config = found->second.configs.find(name);
      ASSERT_NE(config, found->second.configs.end()) << topic << " has no " << name;
      EXPECT_EQ(config->second, value) << topic << " " << name;
    }
  }

  const auto second = topics_ensure(config_path_);
  EXPECT_EQ(second.exit_code, 0) << ::testing::PrintToString(second.lines);
  for (const auto& topic : topics_.all()) {
    EXPECT_NE(second.line_of(topic).find(" status=ok "), std::string::npos)
        << topic << ": " << second.line_of(topic);
    EXPECT_NE(second.line_of(topic).find(" configs=ok"), std::string::npos)
        << topic << ": " << second.line_of(topic);
  }
  EXPECT_NE(second.summary().find("ok=10 created=0 corrected=0 problems=0 changed=no"),
            std::string::npos)
      << second.summary();
}

TEST_F(TopicsEnsureOnKafka, AWrongPartitionCountIsReportedAndTheBridgeRefusesToStart) {
  use_municipality("odense");
  // Made by hand before samsag ever ran, with one partition too few.
  cluster_.create_topic(topics_.health, kPartitions - 1);

  const auto run = topics_ensure(config_path_);
  EXPECT_EQ(run.exit_code, 1) << ::testing::PrintToString(run.lines);
  const auto line = run.line_of(topics_.health);
  EXPECT_NE(line.find(" status=wrong-partitions "), std::string::npos) << line;
  EXPECT_NE(line.find(" partitions=" + std::to_string(kPartitions - 1)), std::string::npos) << line;
  EXPECT_NE(line.find(" wanted_partitions=" + std::to_string(kPartitions)), std::string::npos)
      << line;
  EXPECT_NE(line.find(" reason="), std::string::npos) << line;
  EXPECT_NE(run.summary().find("problems=1 "), std::string::npos) << run.summary();
  // Reported, never changed: repartitioning would move citizens between partitions.
  EXPECT_NE(cluster_.describe_topic(topics_.health).find("PartitionCount: 2"), std::string::npos);

  BridgeProcess bridge(config_path_, scratch_.path() / "state", "a");
  const auto refused = bridge.wait_for_log("not co-partitioned", 60s);
  ASSERT_TRUE(refused.has_value()) << "the bridge did not say why it cannot start";
  EXPECT_NE(refused->find(topics_.health + " has " + std::to_string(kPartitions - 1)),
            std::string::npos)
      << *refused;
  EXPECT_EQ(bridge.wait_for_exit(60s), 1);
}

}  // namespace
}  // namespace samsag::bridge::itest
