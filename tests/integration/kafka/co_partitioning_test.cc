// core/kafka against `samsag broker` over TCP: keyed records land on the same partition number
// of every co-partitioned topic (DESIGN.md "Events and keys"), and a consumer group reads back
// exactly what was produced.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "core/kafka/admin.h"
#include "core/kafka/consumer.h"
#include "core/kafka/error_codes.h"
#include "core/kafka/producer.h"
#include "samsag/config/v1/config.pb.h"
#include "tests/support/broker_process.h"

namespace samsag::kafka {
namespace {

using namespace std::chrono_literals;

constexpr const char* kEmployment = "itest.employment.v1";
constexpr const char* kSocial = "itest.social.v1";
constexpr int kPartitions = 4;
constexpr int kCitizens = 12;

config::v1::Kafka kafka_config(const std::string& bootstrap) {
  config::v1::Kafka kafka;
  kafka.set_bootstrap(bootstrap);
  return kafka;
}

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

// What identifies a record on a topic, and what it carries.
using Stored = std::tuple<std::string, std::int32_t, std::int64_t, std::string, std::string,
                          std::string>;  // topic, partition, offset, key, value, event-id header

class CoPartitioningTest : public ::testing::Test {
 protected:
  testing::BrokerProcess broker_{{.topics = {{kEmployment, kPartitions}, {kSocial, kPartitions}}}};
  config::v1::Kafka kafka_ = kafka_config(broker_.bootstrap());
};

TEST_F(CoPartitioningTest, EachKeyLandsOnTheSamePartitionNumberInBothTopics) {
  auto admin = value_or_throw(Admin::create(value_or_throw(KafkaSettings::for_admin(kafka_))));
  auto counts = admin.partition_counts({kEmployment, kSocial}, deadline_in(10s));
  ASSERT_TRUE(counts.ok()) << counts.error().message;
  EXPECT_TRUE(counts->missing.empty());
  EXPECT_EQ(counts->found,
            (std::map<std::string, int>{{kEmployment, kPartitions}, {kSocial, kPartitions}}));

  auto producer =
      value_or_throw(Producer::create(value_or_throw(KafkaSettings::for_producer(kafka_))));
  std::set<std::int32_t> used;
  for (int i = 0; i < kCitizens; ++i) {
    const std::string key = "k1:citizen-" + std::to_string(i);
    auto employment = producer.produce({.topic = kEmployment, .key = key, .value = "e"});
    auto social = producer.produce({.topic = kSocial, .key = key, .value = "s"});
    auto in_employment = employment.wait(deadline_in(10s));
    auto in_social = social.wait(deadline_in(10s));
    ASSERT_TRUE(in_employment.ok()) << in_employment.error().message;
    ASSERT_TRUE(in_social.ok()) << in_social.error().message;
    EXPECT_EQ(in_employment->partition, in_social->partition) << key;
    used.insert(in_employment->partition);
  }
  EXPECT_GT(used.size(), 1u);  // the keys spread, so equal partitions are not a coincidence
}

TEST_F(CoPartitioningTest, GroupConsumerReadsBackExactlyWhatWasProduced) {
  auto producer =
      value_or_throw(Producer::create(value_or_throw(KafkaSettings::for_producer(kafka_))));
  std::set<Stored> produced;
  for (int i = 0; i < kCitizens; ++i) {
    for (const char* topic : {kEmployment, kSocial}) {
      const std::string key = "k1:citizen-" + std::to_string(i);
      const std::string event_id = std::string(topic) + "/" + std::to_string(i);
      auto delivered = producer
                           .produce({.topic = topic,
                                     .key = key,
                                     .value = "event " + std::to_string(i),
                                     .headers = {{"event-id", event_id}}})
                           .wait(deadline_in(10s));
      ASSERT_TRUE(delivered.ok()) << delivered.error().message;
      produced.emplace(topic, delivered->partition, delivered->offset, key,
                       "event " + std::to_string(i), event_id);
    }
  }

  auto consumer = value_or_throw(
      Consumer::create(value_or_throw(KafkaSettings::for_consumer(kafka_, "itest-bridge"))));
  ASSERT_TRUE(consumer.subscribe({kEmployment, kSocial}).ok());
  std::set<Stored> consumed;
  std::size_t polled_records = 0;
  const auto deadline = deadline_in(20s);
  while (consumed.size() < produced.size() && Clock::now() < deadline) {
    auto polled = consumer.poll(100ms);
    ASSERT_TRUE(polled.ok() || polled.error().code != errc::kFatal) << polled.error().message;
    if (!polled.ok() || !*polled) continue;
    const Message& message = **polled;
    ++polled_records;
    consumed.emplace(message.topic, message.partition, message.offset, message.key.value_or(""),
                     message.value.value_or(""),
                     std::string(find_header(message.headers, "event-id").value_or("")));
  }
  EXPECT_EQ(consumed, produced);
  EXPECT_EQ(polled_records, produced.size());  // no duplicates

  auto after = consumer.poll(200ms);
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->has_value()) << "a record nobody produced";
  EXPECT_TRUE(consumer.close(deadline_in(10s)).ok());
}

}  // namespace
}  // namespace samsag::kafka
