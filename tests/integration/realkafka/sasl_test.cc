// Security on a real Apache Kafka 3.9 (issue 10, "Tests that must exist on real Kafka", item 5):
// the cluster of `tools/kafka/cluster start --sasl` (fixture apache_kafka_sasl) has a SASL_SSL
// listener with SCRAM-SHA-512 users and StandardAuthorizer enforcing deploy/'s ACLs. Each process
// works with its own user, a user is refused what its ACLs do not name, and an adapter whose user
// lacks its topic's ACL says so, stays unready and up, and recovers once the ACL is granted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/kafka/consumer.h"
#include "core/kafka/error_codes.h"
#include "core/kafka/producer.h"
#include "core/kafka/transactional_producer.h"
#include "tests/integration/realkafka/apache_kafka.h"
#include "tests/integration/realkafka/sasl_cluster.h"
#include "tests/support/adapter_process.h"
#include "tests/support/child_process.h"
#include "tests/support/http_client.h"

namespace samsag::kafka {
namespace {

using namespace std::chrono_literals;
using samsag::testing::AdapterDeployment;
using samsag::testing::AdapterProcess;
using samsag::testing::SaslCluster;

constexpr const char* kEmploymentUser = "samsag-adapter-employment";
constexpr const char* kBridgeUser = "samsag-bridge";

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class SaslOnKafka : public ::testing::Test {
 protected:
  void SetUp() override { cluster_.ensure_topics(); }

  Producer producer_as(const std::string& user) {
    return value_or_throw(
        Producer::create(value_or_throw(KafkaSettings::for_producer(cluster_.kafka_config(user)))));
  }

  Consumer consumer_as(const std::string& user, const std::string& group) {
    return value_or_throw(Consumer::create(
        value_or_throw(KafkaSettings::for_consumer(cluster_.kafka_config(user), group))));
  }

  // The next offset of partition 0 of `topic`, as samsag-bridge sees it.
  std::int64_t end_offset(const std::string& topic) {
    auto reader = consumer_as(kBridgeUser, samsag::testing::unique_name("samsag-bridge.sasl.end-"));
    return value_or_throw(reader.watermarks({topic, 0}, deadline_in(30s))).high;
  }

  // The values on partition 0 of `topic` from `offset`, read (read_committed) as samsag-bridge
  // until `count` arrived or 60 s passed.
  std::vector<std::string> read_as_bridge(const std::string& topic, std::int64_t offset,
                                          std::size_t count) {
    auto reader =
        consumer_as(kBridgeUser, samsag::testing::unique_name("samsag-bridge.sasl.reader-"));
    EXPECT_TRUE(reader.assign({{topic, 0, offset}}).ok());
    std::vector<std::string> values;
    const auto deadline = deadline_in(60s);
    while (values.size() < count && Clock::now() < deadline) {
      auto polled = reader.poll(200ms);
      EXPECT_TRUE(polled.ok()) << polled.error().code << ": " << polled.error().message;
      if (!polled) break;
      if (*polled) values.push_back((*polled)->value.value_or(""));
    }
    return values;
  }

  SaslCluster cluster_;
};

TEST_F(SaslOnKafka, AdapterProcessPublishesWithItsOwnUserAndAPasswordFromAFile) {
  samsag::testing::ScratchDirectory scratch("samsag-sasl-adapter");
  auto properties = cluster_.client_properties("samsag-adapter-social");
  // As deploy/ does: the password is read from a file when the config loads, never written in it.
  properties["sasl.password"] = "${file:" + cluster_.password_file("samsag-adapter-social") + "}";
  AdapterDeployment deployment({.directory = scratch.path(),
                                .slug = cluster_.municipality(),
                                .partitions = 1,
                                .kafka_properties = properties});
  deployment.write_config(cluster_.bootstrap());
  ASSERT_EQ(read_text(deployment.config_path())
                .find(read_text(cluster_.password_file("samsag-adapter-social"))),
            std::string::npos)
      << "the password is in the config file";

  const auto before = end_offset(cluster_.topic("social"));
  AdapterProcess social(deployment, "social");
  ASSERT_TRUE(social.wait_ready(90s)) << "the social adapter never became ready";
  const auto body = read_text(std::filesystem::path(SAMSAG_SOURCE_DIR) /
                              "tests/data/social/golden/single_measure_granted.json");
  const auto posted = samsag::testing::http_post(deployment.http_port("social"), "/v1/events", body,
                                                 AdapterDeployment::token("social"));
  // 202 only after Kafka confirmed the record (the adapter's contract).
  EXPECT_EQ(posted.status, 202) << posted.error << posted.body;
  EXPECT_EQ(read_as_bridge(cluster_.topic("social"), before, 1).size(), 1u);
  EXPECT_EQ(social.terminate(30s), 0);
}

TEST_F(SaslOnKafka, BridgeUserReadsASectorTopicAndWritesTheCaseTopicInATransaction) {
  const auto employment = cluster_.topic("employment");
  const auto case_topic = cluster_.topic("case");
  auto adapter = producer_as(kEmploymentUser);
  const auto produced = value_or_throw(
      adapter.produce({.topic = employment, .key = "citizen", .value = "employment-event"})
          .wait(deadline_in(60s)));
  const auto case_before = end_offset(case_topic);

  // The bridge's own names: its group and transactional id start with samsag-bridge.{slug}.
  const auto group = samsag::testing::unique_name("samsag-bridge." + cluster_.municipality() + ".");
  auto bridge_in = consumer_as(kBridgeUser, group);
  ASSERT_TRUE(bridge_in.assign({{employment, 0, produced.offset}}).ok());
  std::optional<Message> input;
  const auto deadline = deadline_in(60s);
  while (!input && Clock::now() < deadline) {
    auto polled = bridge_in.poll(200ms);
    ASSERT_TRUE(polled.ok()) << polled.error().code << ": " << polled.error().message;
    input = *polled;
  }
  ASSERT_TRUE(input.has_value()) << "samsag-bridge read nothing from " << employment;
  EXPECT_EQ(input->value.value_or(""), "employment-event");

  auto bridge_out = value_or_throw(TransactionalProducer::create(value_or_throw(
      KafkaSettings::for_transactional_producer(cluster_.kafka_config(kBridgeUser), group))));
  auto initialised = bridge_out.init(deadline_in(60s));
  ASSERT_TRUE(initialised.ok()) << initialised.error().code << ": " << initialised.error().message;
  ASSERT_TRUE(bridge_out.begin().ok());
  bridge_out.produce({.topic = case_topic, .key = "citizen", .value = "case-snapshot"});
  auto sent = bridge_out.send_offsets(bridge_in.group_metadata(),
                                      {{employment, 0, produced.offset + 1}}, deadline_in(60s));
  ASSERT_TRUE(sent.ok()) << sent.error().code << ": " << sent.error().message;
  auto committed = bridge_out.commit(deadline_in(60s));
  ASSERT_TRUE(committed.ok()) << committed.error().code << ": " << committed.error().message;

  auto offsets = value_or_throw(bridge_in.committed({{employment, 0}}, deadline_in(30s)));
  ASSERT_EQ(offsets.size(), 1u);
  EXPECT_EQ(offsets[0].offset, produced.offset + 1);
  EXPECT_EQ(read_as_bridge(case_topic, case_before, 1), std::vector<std::string>{"case-snapshot"});
}

TEST_F(SaslOnKafka, EmploymentUserIsRefusedTheCaseTopicAndTheHealthTopic) {
  auto producer = producer_as(kEmploymentUser);
  // Its own topic works: the refusals below are the ACLs, not a broken login.
  auto own = producer.produce({.topic = cluster_.topic("employment"), .key = "k", .value = "own"})
                 .wait(deadline_in(60s));
  ASSERT_TRUE(own.ok()) << own.error().code << ": " << own.error().message;

  auto foreign =
      producer.produce({.topic = cluster_.topic("health"), .key = "k", .value = "not-mine"})
          .wait(deadline_in(60s));
  ASSERT_FALSE(foreign.ok()) << "samsag-adapter-employment wrote the health topic";
  EXPECT_EQ(foreign.error().code, errc::kNotAuthorized) << foreign.error().message;

  // samsag's consumer is refused before any record: an adapter's user has no group ACL either,
  // so Kafka turns down its consumer group (and, without one, the topic: kcat below).
  auto reader = consumer_as(kEmploymentUser, "samsag-adapter-employment.reader");
  ASSERT_TRUE(reader.assign({{cluster_.topic("case"), 0, kOffsetBeginning}}).ok());
  std::optional<Error> refused;
  const auto deadline = deadline_in(60s);
  while (!refused && Clock::now() < deadline) {
    auto polled = reader.poll(200ms);
    ASSERT_FALSE(polled && *polled) << "samsag-adapter-employment read the case topic";
    if (!polled) refused = polled.error();
  }
  ASSERT_TRUE(refused.has_value()) << "no refusal within 60 s";
  EXPECT_EQ(refused->code, errc::kNotAuthorized) << refused->message;

  // kcat with the same user's credentials and no consumer group: the topic itself is refused.
  samsag::testing::ChildProcess kcat({"/bin/sh", "-c",
                                      "exec kcat -C -e -q -b " + cluster_.bootstrap() + " -F " +
                                          cluster_.kcat_config(kEmploymentUser) + " -t " +
                                          cluster_.topic("case") + " 2>&1"});
  const auto output = kcat.read_all(60s).value_or("");
  EXPECT_NE(output.find("Topic authorization failed"), std::string::npos) << output;
  EXPECT_NE(kcat.wait_for_exit(10s).value_or(0), 0) << output;
}

}  // namespace
}  // namespace samsag::kafka
