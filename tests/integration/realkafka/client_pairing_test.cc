// librdkafka 2.0.2 (Debian 12) against Apache Kafka 3.9: the pairing samsag ships. Kafka 4.0
// dropped the old protocol versions (KIP-896) and librdkafka before 2.8 then turns idempotence off
// (librdkafka issue 4948); on 3.9 the broker still serves them, and samsag's idempotent and
// transactional producers work. This is the test the README's version paragraph points to.
#include <gtest/gtest.h>

#include "core/kafka/consumer.h"
#include "core/kafka/producer.h"
#include "core/kafka/transactional_producer.h"
#include "samsag/config/v1/config.pb.h"
#include "tests/integration/realkafka/apache_kafka.h"

namespace samsag::kafka {
namespace {

using namespace std::chrono_literals;
using samsag::testing::ApacheKafka;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

TEST(ClientPairing, BrokerIsKafka39AndStillServesTheProtocolVersionsLibrdkafka202Needs) {
  const ApacheKafka cluster;
  auto run = cluster.run_tool("kafka.admin.BrokerApiVersionsCommand",
                              {"--bootstrap-server", cluster.bootstrap()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  // Kafka 3.9 still answers Produce from v0 and Fetch from v0; 4.0 starts at v3 and v4 (KIP-896),
  // which is what makes librdkafka before 2.8 switch features off.
  EXPECT_NE(run.output.find("Produce(0): 0 to"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("Fetch(1): 0 to"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("InitProducerId(22):"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("EndTxn(26):"), std::string::npos) << run.output;
}

TEST(ClientPairing, IdempotentProducerDeliversEveryRecordOnceInOrder) {
  const ApacheKafka cluster;
  const auto topic = samsag::testing::unique_name("pairing.");
  cluster.create_topic(topic, 1);
  config::v1::Kafka kafka;
  kafka.set_bootstrap(cluster.bootstrap());
  const auto settings = value_or_throw(KafkaSettings::for_producer(kafka));
  ASSERT_EQ(settings.effective("enable.idempotence"), "true");
  ASSERT_EQ(settings.effective("acks"), "-1");  // acks=all, as librdkafka spells it

  auto producer = value_or_throw(Producer::create(settings));
  constexpr int kRecords = 200;
  std::vector<Delivery> deliveries;
  for (int i = 0; i < kRecords; ++i) {
    deliveries.push_back(
        producer.produce({.topic = topic, .key = "k", .value = "record-" + std::to_string(i)}));
  }
  for (int i = 0; i < kRecords; ++i) {
    auto delivered = deliveries[static_cast<std::size_t>(i)].wait(deadline_in(30s));
    // With idempotence switched off by a version mismatch, librdkafka fails the producer fatally
    // ("idempotent producer not supported by broker") instead.
    ASSERT_TRUE(delivered.ok()) << delivered.error().code << ": " << delivered.error().message;
    EXPECT_EQ(delivered->offset, i);
  }

  auto consumer = value_or_throw(
      Consumer::create(value_or_throw(KafkaSettings::for_consumer(kafka, topic + "-reader"))));
  ASSERT_TRUE(consumer.assign({{topic, 0, kOffsetBeginning}}).ok());
  std::vector<std::string> values;
  const auto deadline = deadline_in(60s);
  while (values.size() < kRecords && Clock::now() < deadline) {
    auto polled = consumer.poll(200ms);
    if (polled && *polled) values.push_back((*polled)->value.value_or(""));
  }
  ASSERT_EQ(values.size(), static_cast<std::size_t>(kRecords));
  for (int i = 0; i < kRecords; ++i) EXPECT_EQ(values[i], "record-" + std::to_string(i));
}

TEST(ClientPairing, TransactionalProducerGetsAProducerIdAndCommits) {
  const ApacheKafka cluster;
  const auto topic = samsag::testing::unique_name("pairing.");
  cluster.create_topic(topic, 1);
  config::v1::Kafka kafka;
  kafka.set_bootstrap(cluster.bootstrap());
  auto producer = value_or_throw(TransactionalProducer::create(
      value_or_throw(KafkaSettings::for_transactional_producer(kafka, topic + "-txn"))));
  auto initialised = producer.init(deadline_in(60s));
  ASSERT_TRUE(initialised.ok()) << initialised.error().message;
  ASSERT_TRUE(producer.begin().ok());
  auto delivery = producer.produce({.topic = topic, .key = "k", .value = "v"});
  auto committed = producer.commit(deadline_in(30s));
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  EXPECT_TRUE(delivery.wait(deadline_in(1s)).ok());
}

}  // namespace
}  // namespace samsag::kafka
