#include "core/kafka/producer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

#include "core/kafka/error_codes.h"
#include "tests/unit/core/kafka/kafka_test_support.h"

namespace samsag::kafka {
namespace {

using namespace testing;

// Kafka's Java client partitioner: murmur2 (seed 0x9747b28c), made positive, modulo the
// partition count. Written out here so the test checks Java compatibility, not just consistency.
std::int32_t java_murmur2(std::string_view key) {
  constexpr std::uint32_t m = 0x5bd1e995;
  const auto* data = reinterpret_cast<const unsigned char*>(key.data());
  std::size_t length = key.size();
  std::uint32_t h = 0x9747b28c ^ static_cast<std::uint32_t>(length);
  std::size_t i = 0;
  for (; i + 4 <= length; i += 4) {
    std::uint32_t k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) |
                      (static_cast<std::uint32_t>(data[i + 3]) << 24);
    k *= m;
    k ^= k >> 24;
    k *= m;
    h *= m;
    h ^= k;
  }
  switch (length - i) {
    case 3:
      h ^= static_cast<std::uint32_t>(data[i + 2]) << 16;
      [[fallthrough]];
    case 2:
      h ^= static_cast<std::uint32_t>(data[i + 1]) << 8;
      [[fallthrough]];
    case 1:
      h ^= data[i];
      h *= m;
  }
  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<std::int32_t>(h);
}

std::int32_t java_partition(std::string_view key, int partitions) {
  return (java_murmur2(key) & 0x7fffffff) % partitions;
}

TEST(JavaMurmur2Reference, MatchesTheJavaClient) {
  // Values of org.apache.kafka.common.utils.Utils.murmur2.
  EXPECT_EQ(java_murmur2("kafka"), static_cast<std::int32_t>(0xd067cf64));
  EXPECT_EQ(java_murmur2("giberish123456789"), static_cast<std::int32_t>(0x8f552b0c));
  EXPECT_EQ(java_murmur2(""), static_cast<std::int32_t>(0x106e08d9));
}

TEST(Producer, ConfirmsRecordsWithTheirPartitionAndOffset) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.social.v1", 3).ok());
  auto producer = make_producer(kafka_config(cluster.bootstrap()));

  std::vector<Delivery> deliveries;
  deliveries.reserve(3);
  for (int i = 0; i < 3; ++i) {
    deliveries.push_back(producer.produce(
        {.topic = "aarhus.social.v1", .key = "k1:abc", .value = "event", .partition = 1}));
  }
  for (int i = 0; i < 3; ++i) {
    auto delivered = deliveries[i].wait(deadline_in(5s));
    ASSERT_TRUE(delivered.ok()) << delivered.error().message;
    EXPECT_EQ(*delivered, (DeliveredRecord{"aarhus.social.v1", 1, i}));
  }
}

TEST(Producer, KeysLandOnTheJavaPartitionNumberInEveryCoPartitionedTopic) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.employment.v1", 6).ok());
  ASSERT_TRUE(cluster.create_topic("aarhus.health.v1", 6).ok());
  auto producer = make_producer(kafka_config(cluster.bootstrap()));

  for (int i = 0; i < 12; ++i) {
    const std::string key = "k1:pseudonym-" + std::to_string(i);
    auto employment = producer.produce({.topic = "aarhus.employment.v1", .key = key, .value = "e"});
    auto health = producer.produce({.topic = "aarhus.health.v1", .key = key, .value = "h"});
    auto first = employment.wait(deadline_in(5s));
    auto second = health.wait(deadline_in(5s));
    ASSERT_TRUE(first.ok()) << first.error().message;
    ASSERT_TRUE(second.ok()) << second.error().message;
    EXPECT_EQ(first->partition, java_partition(key, 6)) << key;
    EXPECT_EQ(second->partition, first->partition) << key;
  }
}

TEST(Producer, ReportsAPartitionTheTopicDoesNotHave) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.plan.v1", 3).ok());
  auto producer = make_producer(kafka_config(cluster.bootstrap()));
  ASSERT_TRUE(producer.partition_count("aarhus.plan.v1", deadline_in(5s)).ok());

  auto delivered =
      producer.produce({.topic = "aarhus.plan.v1", .key = "k", .value = "v", .partition = 7})
          .wait(deadline_in(5s));
  ASSERT_FALSE(delivered.ok());
  EXPECT_EQ(delivered.error().code, errc::kUnknownPartition);
}

TEST(Producer, CountsPartitionsWithoutCreatingMissingTopics) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.case.v1", 5).ok());
  auto producer = make_producer(kafka_config(cluster.bootstrap()));

  auto count = producer.partition_count("aarhus.case.v1", deadline_in(5s));
  ASSERT_TRUE(count.ok()) << count.error().message;
  EXPECT_EQ(*count, 5);

  for (int attempt = 0; attempt < 2; ++attempt) {  // a second lookup would see a created topic
    auto missing = producer.partition_count("aarhus.nothing.v1", deadline_in(5s));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, errc::kUnknownTopic);
  }
}

TEST(Producer, ReportsQueueFullAtOnce) {
  auto settings = value_or_throw(KafkaSettings::for_producer(kafka_config(kUnreachableBootstrap)));
  ASSERT_TRUE(settings.set("queue.buffering.max.messages", "1").ok());
  auto producer = value_or_throw(Producer::create(settings));

  auto first = producer.produce({.topic = "t", .key = "a", .value = "1"});
  auto second = producer.produce({.topic = "t", .key = "b", .value = "2"});
  EXPECT_FALSE(first.ready());
  ASSERT_TRUE(second.ready());
  auto result = second.wait(Clock::now());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kQueueFull);
  producer.close(Clock::now());
}

TEST(Producer, WaitReportsTimedOutWhileKafkaHasNotAnswered) {
  auto producer = make_producer(kafka_config(kUnreachableBootstrap));
  auto delivery = producer.produce({.topic = "t", .key = "a", .value = "1"});
  auto result = delivery.wait(deadline_in(50ms));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kTimedOut);
  EXPECT_FALSE(delivery.ready());
  producer.close(Clock::now());
}

TEST(Producer, RecordNeverConfirmedFailsAfterTheDeliveryTimeout) {
  auto kafka = kafka_config(kUnreachableBootstrap);
  kafka.set_delivery_timeout_ms(200);
  auto producer = make_producer(kafka);
  auto result = producer.produce({.topic = "t", .key = "a", .value = "1"}).wait(deadline_in(5s));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kDeliveryFailed);
  producer.close(Clock::now());
}

TEST(Producer, FlushReportsTimedOutWhenNoBrokerAnswers) {
  auto producer = make_producer(kafka_config(kUnreachableBootstrap));
  auto delivery = producer.produce({.topic = "t", .key = "a", .value = "1"});
  auto flushed = producer.flush(deadline_in(100ms));
  ASSERT_FALSE(flushed.ok());
  EXPECT_EQ(flushed.error().code, errc::kTimedOut);
  producer.close(Clock::now());
}

TEST(Producer, CloseFailsDeliveriesKafkaNeverConfirmed) {
  auto producer = make_producer(kafka_config(kUnreachableBootstrap));
  auto delivery = producer.produce({.topic = "t", .key = "a", .value = "1"});
  const auto started = Clock::now();
  producer.close(deadline_in(100ms));
  EXPECT_LT(Clock::now() - started, 3s);  // bounded: the deadline plus a short purge grace
  ASSERT_TRUE(delivery.ready());
  auto result = delivery.wait(Clock::now());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kDeliveryFailed);
}

TEST(Producer, RefusesToProduceAfterClose) {
  auto cluster = start_cluster();
  auto producer = make_producer(kafka_config(cluster.bootstrap()));
  producer.close(deadline_in(5s));
  auto result = producer.produce({.topic = "t", .key = "a", .value = "1"}).wait(Clock::now());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, errc::kInvalidState);
}

TEST(ProducerBatch, ItsGroupIsConfirmedOnceKafkaConfirmedEveryRecordWithItsHeaders) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.health.v1", 3).ok());
  auto producer = make_producer(kafka_config(cluster.bootstrap()));
  auto batch = producer.batch();
  for (int i = 0; i < 50; ++i) {
    batch.produce({.topic = "aarhus.health.v1",
                   .key = "k1:" + std::to_string(i),
                   .value = "event " + std::to_string(i),
                   .headers = {{"event-id", std::to_string(i)}, {"schema", "s"}}});
  }
  const DeliveryGroup group = batch.seal();
  EXPECT_EQ(group.size(), 50U);
  auto confirmed = group.wait(deadline_in(5s));
  ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;

  auto consumer = make_consumer(kafka_config(cluster.bootstrap()), "reader");
  ASSERT_TRUE(consumer
                  .assign({{"aarhus.health.v1", 0, kOffsetBeginning},
                           {"aarhus.health.v1", 1, kOffsetBeginning},
                           {"aarhus.health.v1", 2, kOffsetBeginning}})
                  .ok());
  const auto records = consume(consumer, 50, deadline_in(10s));
  ASSERT_EQ(records.size(), 50U);
  for (const auto& record : records) {
    ASSERT_TRUE(record.key && record.value);
    const std::string number = record.key->substr(3);
    EXPECT_EQ(*record.value, "event " + number);
    EXPECT_EQ(find_header(record.headers, "event-id"), number);
    EXPECT_EQ(find_header(record.headers, "schema"), "s");
  }
}

TEST(ProducerBatch, ARecordThatCannotBeQueuedFailsTheGroupAtOnce) {
  auto settings = value_or_throw(KafkaSettings::for_producer(kafka_config(kUnreachableBootstrap)));
  ASSERT_TRUE(settings.set("queue.buffering.max.messages", "1").ok());
  auto producer = value_or_throw(Producer::create(settings));
  auto batch = producer.batch();
  batch.produce({.topic = "t", .key = "a", .value = "1"});
  batch.produce({.topic = "t", .key = "b", .value = "2"});
  const DeliveryGroup group = batch.seal();
  ASSERT_TRUE(group.ready()) << "the first record is still unanswered, but the group has failed";
  auto waited = group.wait(Clock::now());
  ASSERT_FALSE(waited.ok());
  EXPECT_EQ(waited.error().code, errc::kQueueFull);
  producer.close(Clock::now());
}

TEST(ProducerBatch, CloseFailsAGroupKafkaNeverConfirmed) {
  auto producer = make_producer(kafka_config(kUnreachableBootstrap));
  auto batch = producer.batch();
  batch.produce({.topic = "t", .key = "a", .value = "1"});
  const DeliveryGroup group = batch.seal();
  EXPECT_EQ(group.wait(deadline_in(20ms)).error().code, errc::kTimedOut);
  producer.close(deadline_in(100ms));
  ASSERT_TRUE(group.ready());
  EXPECT_EQ(group.wait(Clock::now()).error().code, errc::kDeliveryFailed);
}

TEST(ProducerBatch, AfterCloseEveryRecordFailsTheGroup) {
  auto cluster = start_cluster();
  auto producer = make_producer(kafka_config(cluster.bootstrap()));
  producer.close(deadline_in(5s));
  auto batch = producer.batch();
  batch.produce({.topic = "t", .key = "a", .value = "1"});
  EXPECT_EQ(batch.seal().wait(Clock::now()).error().code, errc::kInvalidState);
}

TEST(Producer, RejectsConsumerSettingsAsAProgrammingError) {
  auto settings = value_or_throw(KafkaSettings::for_consumer(kafka_config("localhost:9092"), "g"));
  EXPECT_THROW((void)Producer::create(settings), std::invalid_argument);
}

}  // namespace
}  // namespace samsag::kafka
