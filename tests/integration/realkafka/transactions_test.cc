// Transactions on Apache Kafka 3.9, through samsag's own wrappers (TransactionalProducer,
// Consumer): what the embedded broker accepts but does not enforce. Each outcome is checked twice,
// by samsag's read_committed Consumer and by an independent reader, Kafka's own Java tools
// (console consumer with --isolation-level, kafka-consumer-groups).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/kafka/consumer.h"
#include "core/kafka/error_codes.h"
#include "core/kafka/transactional_producer.h"
#include "samsag/config/v1/config.pb.h"
#include "tests/integration/realkafka/apache_kafka.h"

namespace samsag::kafka {
namespace {

using namespace std::chrono_literals;
using samsag::testing::ApacheKafka;
using samsag::testing::ConsoleRecord;
using samsag::testing::Isolation;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

class TransactionsOnKafka : public ::testing::Test {
 protected:
  void SetUp() override {
    kafka_.set_bootstrap(cluster_.bootstrap());
    topic_ = samsag::testing::unique_name("txn.");
    cluster_.create_topic(topic_, 1);
  }

  TransactionalProducer producer(const std::string& transactional_id) {
    auto made = value_or_throw(TransactionalProducer::create(
        value_or_throw(KafkaSettings::for_transactional_producer(kafka_, transactional_id))));
    auto initialised = made.init(deadline_in(60s));
    if (!initialised) throw std::runtime_error("init: " + initialised.error().message);
    return made;
  }

  Consumer consumer(const std::string& group) {
    return value_or_throw(
        Consumer::create(value_or_throw(KafkaSettings::for_consumer(kafka_, group))));
  }

  // Every record samsag's read_committed Consumer gets from partition 0, until it reaches the
  // partition's end (for read_committed: the last stable offset).
  std::vector<std::string> read_committed_values() {
    auto reader = consumer(topic_ + "-reader");
    EXPECT_TRUE(reader.assign({{topic_, 0, kOffsetBeginning}}).ok());
    const auto end = value_or_throw(reader.watermarks({topic_, 0}, deadline_in(10s))).high;
    std::vector<std::string> values;
    const auto deadline = deadline_in(60s);
    while (Clock::now() < deadline) {
      auto polled = reader.poll(200ms);
      if (polled && *polled) values.push_back((*polled)->value.value_or(""));
      // Commit and abort markers take offsets but are never delivered: the position says how far
      // the reader got.
      auto position = reader.position({{topic_, 0}});
      if (position && !position->empty() && position->front().offset.value_or(0) >= end) break;
    }
    return values;
  }

  std::vector<std::string> console_values(Isolation isolation, int expected) {
    std::vector<std::string> values;
    for (const auto& record : cluster_.console_consume(topic_, isolation, expected, 10s)) {
      values.push_back(record.value);
    }
    return values;
  }

  ApacheKafka cluster_;
  config::v1::Kafka kafka_;
  std::string topic_;
};

TEST_F(TransactionsOnKafka, AbortedRecordsAreInvisibleToReadCommittedReaders) {
  auto writer = producer(topic_ + "-writer");
  ASSERT_TRUE(writer.begin().ok());
  writer.produce({.topic = topic_, .key = "citizen-a", .value = "committed-1"});
  ASSERT_TRUE(writer.commit(deadline_in(30s)).ok());

  ASSERT_TRUE(writer.begin().ok());
  auto aborted_delivery =
      writer.produce({.topic = topic_, .key = "citizen-a", .value = "aborted-half-batch"});
  // Written to the log first, so the abort really has something to hide.
  ASSERT_TRUE(aborted_delivery.wait(deadline_in(30s)).ok());
  auto aborted = writer.abort(deadline_in(30s));
  ASSERT_TRUE(aborted.ok()) << aborted.error().message;

  ASSERT_TRUE(writer.begin().ok());
  writer.produce({.topic = topic_, .key = "citizen-a", .value = "committed-2"});
  ASSERT_TRUE(writer.commit(deadline_in(30s)).ok());

  const std::vector<std::string> committed{"committed-1", "committed-2"};
  EXPECT_EQ(read_committed_values(), committed);
  EXPECT_EQ(console_values(Isolation::kReadCommitted, 3), committed);
  // The aborted record is on the log all the same: a read_uncommitted reader sees it, so the
  // checks above could have failed.
  const std::vector<std::string> everything{"committed-1", "aborted-half-batch", "committed-2"};
  EXPECT_EQ(console_values(Isolation::kReadUncommitted, 3), everything);
}

TEST_F(TransactionsOnKafka, OffsetsSentWithATransactionAreCommittedWithItAndOnlyWithIt) {
  const auto input = samsag::testing::unique_name("txn.input.");
  cluster_.create_topic(input, 1);
  const std::string group = topic_ + "-bridge";
  auto group_consumer = consumer(group);
  auto writer = producer(topic_ + "-writer");

  // An aborted batch: neither its record nor its offsets count.
  ASSERT_TRUE(writer.begin().ok());
  writer.produce({.topic = topic_, .key = "k", .value = "aborted"});
  auto sent =
      writer.send_offsets(group_consumer.group_metadata(), {{input, 0, 5}}, deadline_in(30s));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  ASSERT_TRUE(writer.abort(deadline_in(30s)).ok());

  auto after_abort = value_or_throw(group_consumer.committed({{input, 0}}, deadline_in(30s)));
  ASSERT_EQ(after_abort.size(), 1u);
  EXPECT_EQ(after_abort[0].offset, std::nullopt) << "an aborted transaction committed offsets";
  EXPECT_TRUE(cluster_.committed_offsets(group, input).empty());

  // A committed batch: its offsets are the group's now.
  ASSERT_TRUE(writer.begin().ok());
  writer.produce({.topic = topic_, .key = "k", .value = "committed"});
  sent = writer.send_offsets(group_consumer.group_metadata(), {{input, 0, 7}}, deadline_in(30s));
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  ASSERT_TRUE(writer.commit(deadline_in(30s)).ok());

  auto after_commit = value_or_throw(group_consumer.committed({{input, 0}}, deadline_in(30s)));
  ASSERT_EQ(after_commit.size(), 1u);
  EXPECT_EQ(after_commit[0].offset, 7);
  EXPECT_EQ(cluster_.committed_offsets(group, input), (std::map<int, long long>{{0, 7}}));
  EXPECT_EQ(read_committed_values(), std::vector<std::string>{"committed"});
}

TEST_F(TransactionsOnKafka, SecondProducerWithTheSameIdFencesTheFirst) {
  const std::string id = topic_ + "-bridge-0";
  auto zombie = producer(id);
  ASSERT_TRUE(zombie.begin().ok());
  ASSERT_TRUE(
      zombie.produce({.topic = topic_, .key = "k", .value = "zombie"}).wait(deadline_in(30s)).ok());

  // The new owner registers the same transactional.id: the broker bumps the epoch and aborts the
  // zombie's open transaction.
  auto successor = producer(id);

  auto late = zombie.produce({.topic = topic_, .key = "k", .value = "zombie-late"});
  auto committed = zombie.commit(deadline_in(30s));
  ASSERT_FALSE(committed.ok()) << "a fenced producer committed";
  EXPECT_EQ(committed.error().code, errc::kFenced) << committed.error().message;
  EXPECT_FALSE(late.wait(deadline_in(30s)).ok());
  // Fenced is final for that producer: it cannot start another transaction (samsag drops it and
  // rejoins with a new one).
  EXPECT_FALSE(zombie.begin().ok());

  ASSERT_TRUE(successor.begin().ok());
  successor.produce({.topic = topic_, .key = "k", .value = "successor"});
  auto successor_commit = successor.commit(deadline_in(30s));
  ASSERT_TRUE(successor_commit.ok()) << successor_commit.error().message;

  EXPECT_EQ(read_committed_values(), std::vector<std::string>{"successor"});
  EXPECT_EQ(console_values(Isolation::kReadCommitted, 2), std::vector<std::string>{"successor"});
}

}  // namespace
}  // namespace samsag::kafka
