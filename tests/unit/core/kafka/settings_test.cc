#include "core/kafka/settings.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/kafka/error_codes.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::kafka {
namespace {

config::v1::Kafka config_with(std::initializer_list<std::pair<const char*, const char*>> props) {
  config::v1::Kafka kafka;
  kafka.set_bootstrap("broker-1:9092,broker-2:9092");
  for (const auto& [name, value] : props) (*kafka.mutable_properties())[name] = value;
  return kafka;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(KafkaSettings, ConfigCannotTurnOffIdempotenceOrAcksAll) {
  auto settings =
      KafkaSettings::for_producer(config_with({{"enable.idempotence", "false"}, {"acks", "1"}}));
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->effective("enable.idempotence"), "true");
  EXPECT_EQ(settings->effective("acks"), "-1");  // librdkafka's number for acks=all
  EXPECT_TRUE(contains(settings->overridden(), "enable.idempotence"));
  EXPECT_TRUE(contains(settings->overridden(), "acks"));
}

TEST(KafkaSettings, AcksAliasCannotWeakenAcksAll) {
  auto settings = KafkaSettings::for_producer(config_with({{"request.required.acks", "0"}}));
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->effective("acks"), "-1");
  EXPECT_EQ(settings->effective("request.required.acks"), "-1");
  EXPECT_TRUE(contains(settings->overridden(), "acks"));
}

TEST(KafkaSettings, SetCannotWeakenRequiredProperties) {
  auto settings = KafkaSettings::for_producer(config_with({}));
  ASSERT_TRUE(settings.ok());
  ASSERT_TRUE(settings->set("enable.idempotence", "false").ok());
  EXPECT_EQ(settings->effective("enable.idempotence"), "true");
}

TEST(KafkaSettings, ProducerUsesTheJavaClientsPartitioner) {
  auto settings = KafkaSettings::for_producer(config_with({{"partitioner", "consistent_random"}}));
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->effective("partitioner"), "murmur2_random");
}

TEST(KafkaSettings, ProducerGetsNoOverrideItDidNotAskAbout) {
  auto settings = KafkaSettings::for_producer(config_with({{"client.id", "adapter-social"}}));
  ASSERT_TRUE(settings.ok());
  EXPECT_TRUE(settings->overridden().empty());
}

TEST(KafkaSettings, ProducersDisableNagleUnlessConfigured) {
  auto producer = KafkaSettings::for_producer(config_with({}));
  ASSERT_TRUE(producer.ok());
  EXPECT_EQ(producer->effective("socket.nagle.disable"), "true");
  auto transactional = KafkaSettings::for_transactional_producer(config_with({}), "bridge-0");
  ASSERT_TRUE(transactional.ok());
  EXPECT_EQ(transactional->effective("socket.nagle.disable"), "true");

  auto configured = KafkaSettings::for_producer(config_with({{"socket.nagle.disable", "false"}}));
  ASSERT_TRUE(configured.ok());
  EXPECT_EQ(configured->effective("socket.nagle.disable"), "false");
  EXPECT_TRUE(configured->overridden().empty());  // a default, not a requirement
}

TEST(KafkaSettings, ProducerWhoseCallerWaitsOnEachRequestDoesNotLinger) {
  auto batches = KafkaSettings::for_producer(config_with({}), ProducerUse::kBatches);
  ASSERT_TRUE(batches.ok());
  EXPECT_EQ(batches->effective("linger.ms"), "5");  // librdkafka's default

  auto each_request = KafkaSettings::for_producer(config_with({}), ProducerUse::kEachRequest);
  ASSERT_TRUE(each_request.ok());
  EXPECT_EQ(each_request->effective("linger.ms"), "1");

  auto configured =
      KafkaSettings::for_producer(config_with({{"linger.ms", "20"}}), ProducerUse::kEachRequest);
  ASSERT_TRUE(configured.ok());
  EXPECT_EQ(configured->effective("linger.ms"), "20");
}

TEST(KafkaSettings, ConsumerReadsCommittedWithRangeAssignorAndOnlyExplicitCommits) {
  auto settings =
      KafkaSettings::for_consumer(config_with({{"isolation.level", "read_uncommitted"},
                                               {"partition.assignment.strategy", "roundrobin"},
                                               {"enable.auto.commit", "true"},
                                               {"enable.auto.offset.store", "true"}}),
                                  "aarhus-bridge");
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->effective("isolation.level"), "read_committed");
  EXPECT_EQ(settings->effective("partition.assignment.strategy"), "range");
  EXPECT_EQ(settings->effective("enable.auto.commit"), "false");
  EXPECT_EQ(settings->effective("enable.auto.offset.store"), "false");
  EXPECT_EQ(settings->effective("group.id"), "aarhus-bridge");
  EXPECT_EQ(settings->overridden().size(), 4u);
}

TEST(KafkaSettings, NewConsumerGroupStartsAtEarliestUnlessConfigured) {
  auto by_default = KafkaSettings::for_consumer(config_with({}), "g");
  ASSERT_TRUE(by_default.ok());
  EXPECT_EQ(by_default->effective("auto.offset.reset"), "smallest");  // librdkafka's name
  EXPECT_EQ(by_default->effective("fetch.wait.max.ms"), "20");        // the embedded broker's wait

  auto configured =
      KafkaSettings::for_consumer(config_with({{"auto.offset.reset", "latest"}}), "g");
  ASSERT_TRUE(configured.ok());
  EXPECT_EQ(configured->effective("auto.offset.reset"), "largest");
}

TEST(KafkaSettings, PassesOtherPropertiesThrough) {
  auto settings = KafkaSettings::for_consumer(
      config_with({{"client.id", "bridge-1"}, {"socket.keepalive.enable", "true"}}), "g");
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->effective("client.id"), "bridge-1");
  EXPECT_EQ(settings->effective("socket.keepalive.enable"), "true");
}

TEST(KafkaSettings, BootstrapFromConfigWinsOverPassThroughProperty) {
  auto settings = KafkaSettings::for_admin(config_with({{"bootstrap.servers", "elsewhere:9092"}}));
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->effective("bootstrap.servers"), "broker-1:9092,broker-2:9092");
}

TEST(KafkaSettings, DeliveryTimeoutComesFromConfig) {
  auto kafka = config_with({{"delivery.timeout.ms", "99000"}});
  kafka.set_delivery_timeout_ms(1500);
  auto settings = KafkaSettings::for_producer(kafka);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->effective("delivery.timeout.ms"), "1500");
  EXPECT_EQ(settings->effective("message.timeout.ms"), "1500");  // librdkafka's alias
}

TEST(KafkaSettings, RejectsUnknownPropertyNamingIt) {
  auto settings = KafkaSettings::for_producer(config_with({{"enable.idempotency", "true"}}));
  ASSERT_FALSE(settings.ok());
  EXPECT_EQ(settings.error().code, errc::kInvalidSettings);
  EXPECT_NE(settings.error().message.find("\"enable.idempotency\""), std::string::npos)
      << settings.error().message;
}

TEST(KafkaSettings, RejectsInvalidValueNamingProperty) {
  auto settings =
      KafkaSettings::for_consumer(config_with({{"queue.buffering.max.messages", "-5"}}), "g");
  ASSERT_FALSE(settings.ok());
  EXPECT_EQ(settings.error().code, errc::kInvalidSettings);
  EXPECT_NE(settings.error().message.find("queue.buffering.max.messages"), std::string::npos);
}

TEST(KafkaSettings, SetRejectsInvalidPropertyAndKeepsTheRest) {
  auto settings = KafkaSettings::for_producer(config_with({{"client.id", "a"}}));
  ASSERT_TRUE(settings.ok());
  auto status = settings->set("linger.ms", "soon");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, errc::kInvalidSettings);
  EXPECT_NE(settings->effective("linger.ms"), "soon");
  EXPECT_EQ(settings->effective("client.id"), "a");
}

TEST(KafkaSettings, SetReplacesAnEarlierValue) {
  auto settings = KafkaSettings::for_producer(config_with({{"client.id", "a"}}));
  ASSERT_TRUE(settings.ok());
  ASSERT_TRUE(settings->set("client.id", "b").ok());
  EXPECT_EQ(settings->effective("client.id"), "b");
}

TEST(KafkaSettings, RejectsEmptyBootstrap) {
  config::v1::Kafka kafka;
  auto settings = KafkaSettings::for_producer(kafka);
  ASSERT_FALSE(settings.ok());
  EXPECT_EQ(settings.error().code, errc::kInvalidSettings);
  EXPECT_NE(settings.error().message.find("bootstrap"), std::string::npos);
}

TEST(KafkaSettings, ConsumerNeedsAGroupId) {
  auto settings = KafkaSettings::for_consumer(config_with({}), "");
  ASSERT_FALSE(settings.ok());
  EXPECT_EQ(settings.error().code, errc::kInvalidSettings);
}

TEST(KafkaSettings, TransactionalProducerKeepsProducerGuaranteesAndItsId) {
  auto settings = KafkaSettings::for_transactional_producer(
      config_with({{"transactional.id", "other"}, {"acks", "0"}}), "aarhus-bridge-0");
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->role(), ClientRole::kTransactionalProducer);
  EXPECT_EQ(settings->effective("transactional.id"), "aarhus-bridge-0");
  EXPECT_EQ(settings->effective("acks"), "-1");
  EXPECT_EQ(settings->effective("enable.idempotence"), "true");

  auto without_id = KafkaSettings::for_transactional_producer(config_with({}), "");
  ASSERT_FALSE(without_id.ok());
  EXPECT_EQ(without_id.error().code, errc::kInvalidSettings);
}

TEST(KafkaSettings, AdminGetsNoProducerOrConsumerOverrides) {
  auto settings = KafkaSettings::for_admin(config_with({}));
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->effective("enable.idempotence"), "false");
  EXPECT_EQ(settings->role(), ClientRole::kAdmin);
}

TEST(KafkaSettings, RequiredPropertiesAreAppliedLast) {
  auto settings = KafkaSettings::for_producer(config_with({{"acks", "0"}}));
  ASSERT_TRUE(settings.ok());
  auto properties = settings->properties();
  auto configured = std::find(properties.begin(), properties.end(), Property{"acks", "0"});
  auto required = std::find(properties.begin(), properties.end(), Property{"acks", "all"});
  ASSERT_NE(configured, properties.end());
  ASSERT_NE(required, properties.end());
  EXPECT_LT(configured, required);
}

}  // namespace
}  // namespace samsag::kafka
