// `samsag broker` as a process: its ready line, what an independent Kafka client (kcat) sees
// through its bootstrap listener, and a clean stop on SIGTERM and SIGINT.
#include "tests/support/broker_process.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "tests/integration/broker/kcat.h"
#include "tests/support/child_process.h"

namespace samsag::testing {
namespace {

using std::chrono::seconds;

constexpr seconds kReadyTimeout{20};
constexpr seconds kStopTimeout{10};

#define SKIP_WITHOUT_KCAT()                                            \
  if (!kcat_installed()) {                                             \
    GTEST_SKIP() << kKcatPath << " is missing (apt-get install kcat)"; \
  }

TEST(BrokerProcess, PrintsOneReadyLineWithBootstrapBrokersAndTopics) {
  ChildProcess broker({samsag_binary(), "broker", "--listen", "127.0.0.1:0", "--topic",
                       "broker.test.one:3", "--topic", "broker.test.two:1"});
  const auto ready = broker.read_line(kReadyTimeout);
  ASSERT_TRUE(ready.has_value()) << "no ready line";
  EXPECT_TRUE(std::regex_match(
      *ready, std::regex(R"(ready bootstrap=127\.0\.0\.1:[1-9][0-9]* brokers=3 topics=2)")))
      << *ready;
  EXPECT_EQ(broker.terminate(kStopTimeout), 0);
}

TEST(BrokerProcess, KcatSeesThreeBrokersAndTheRequestedTopics) {
  SKIP_WITHOUT_KCAT();
  BrokerProcess broker({.topics = {{"broker.test.cases", 6}, {"broker.test.audit", 1}}});

  const auto metadata = kcat_metadata(broker.bootstrap());
  ASSERT_TRUE(metadata.has_value());
  EXPECT_EQ(metadata->broker_count, 3);
  const std::map<std::string, int> expected{{"broker.test.cases", 6}, {"broker.test.audit", 1}};
  EXPECT_EQ(metadata->partitions_by_topic, expected);
}

TEST(BrokerProcess, RunsTheRequestedNumberOfBrokers) {
  SKIP_WITHOUT_KCAT();
  BrokerProcess broker({.topics = {{"broker.test.single", 2}}, .brokers = 1});

  const auto metadata = kcat_metadata(broker.bootstrap());
  ASSERT_TRUE(metadata.has_value());
  EXPECT_EQ(metadata->broker_count, 1);
  EXPECT_EQ(metadata->partitions_by_topic.at("broker.test.single"), 2);
}

TEST(BrokerProcess, RecordsProducedThroughBootstrapAreConsumedInOrderPerKey) {
  SKIP_WITHOUT_KCAT();
  BrokerProcess broker({.topics = {{"broker.test.flow", 3}}});
  const auto input = std::filesystem::temp_directory_path() /
                     ("samsag-broker-test-" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream file(input);
    file << "citizen-a:first\ncitizen-b:only\ncitizen-a:second\n";
  }

  const auto produced = run_kcat(
      {"-P", "-b", broker.bootstrap(), "-t", "broker.test.flow", "-K", ":", "-l", input.string()});
  std::filesystem::remove(input);
  ASSERT_TRUE(produced.has_value());
  const auto consumed = run_kcat(
      {"-C", "-b", broker.bootstrap(), "-t", "broker.test.flow", "-e", "-q", "-f", "%k=%s\\n"});
  ASSERT_TRUE(consumed.has_value());

  // Partitions are read one after another, so only the order within a key is fixed.
  const auto first = consumed->find("citizen-a=first");
  const auto second = consumed->find("citizen-a=second");
  EXPECT_NE(first, std::string::npos) << *consumed;
  EXPECT_NE(second, std::string::npos) << *consumed;
  EXPECT_LT(first, second) << *consumed;
  EXPECT_NE(consumed->find("citizen-b=only"), std::string::npos) << *consumed;
}

TEST(BrokerProcess, ExitsWithZeroOnSigterm) {
  ChildProcess broker({samsag_binary(), "broker", "--listen", "127.0.0.1:0"});
  ASSERT_TRUE(broker.wait_for_line_starting_with("ready ", kReadyTimeout).has_value());
  EXPECT_EQ(broker.terminate(kStopTimeout), 0);
}

TEST(BrokerProcess, ExitsWithZeroOnSigint) {
  ChildProcess broker({samsag_binary(), "broker", "--listen", "127.0.0.1:0"});
  ASSERT_TRUE(broker.wait_for_line_starting_with("ready ", kReadyTimeout).has_value());
  ::kill(broker.pid(), SIGINT);
  EXPECT_EQ(broker.wait_for_exit(kStopTimeout), 0);
}

TEST(BrokerProcess, ListensOnTheFixedPortItIsGiven) {
  const int port = free_loopback_port();
  const std::string listen = "127.0.0.1:" + std::to_string(port);
  ChildProcess broker({samsag_binary(), "broker", "--listen", listen});
  const auto ready = broker.wait_for_line_starting_with("ready ", kReadyTimeout);
  ASSERT_TRUE(ready.has_value());
  EXPECT_NE(ready->find("bootstrap=" + listen + " "), std::string::npos) << *ready;
}

TEST(BrokerProcess, FailsWithExitCodeOneWhenTheListenPortIsTaken) {
  BrokerProcess first({});
  ChildProcess second({samsag_binary(), "broker", "--listen", first.bootstrap()});
  EXPECT_EQ(second.wait_for_exit(kStopTimeout), 1);
  EXPECT_FALSE(second.read_line(seconds(1)).has_value()) << "printed a ready line";
}

TEST(BrokerProcess, RejectsATopicWithoutPartitionCountWithExitCodeTwo) {
  ChildProcess broker(
      {samsag_binary(), "broker", "--listen", "127.0.0.1:0", "--topic", "no-partitions"});
  EXPECT_EQ(broker.wait_for_exit(kStopTimeout), 2);
}

TEST(BrokerProcess, RejectsOneTopicWithTwoPartitionCountsWithExitCodeTwo) {
  ChildProcess broker(
      {samsag_binary(), "broker", "--listen", "127.0.0.1:0", "--topic", "t:1", "--topic", "t:2"});
  EXPECT_EQ(broker.wait_for_exit(kStopTimeout), 2);
}

TEST(BrokerProcess, HelpSaysWhatTheBrokerDoesNotDo) {
  ChildProcess help({samsag_binary(), "broker", "--help"});
  const auto text = help.read_all(kStopTimeout);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(help.wait_for_exit(kStopTimeout), 0);
  for (const char* promise : {"wire protocol", "in memory", "CreateTopics", "NOT enforced",
                              "read_committed", "ACLs", "never the", "3.9"}) {
    EXPECT_NE(text->find(promise), std::string::npos) << "--help does not mention " << promise;
  }
}

}  // namespace
}  // namespace samsag::testing
