#include "core/kafka/consumer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "core/kafka/error_codes.h"
#include "tests/unit/core/kafka/kafka_test_support.h"

namespace samsag::kafka {
namespace {

using namespace testing;

class ConsumerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster_.create_topic(kTopic, 3).ok());
    ASSERT_TRUE(cluster_.create_topic(kSingle, 1).ok());
  }

  // Produces `count` records to partition 0 of kSingle, values "0", "1", ...
  void produce_numbered(int count) {
    auto producer = make_producer(kafka());
    for (int i = 0; i < count; ++i) {
      auto delivered = producer
                           .produce({.topic = kSingle,
                                     .key = "k1:citizen",
                                     .value = std::to_string(i),
                                     .partition = 0})
                           .wait(deadline_in(5s));
      ASSERT_TRUE(delivered.ok()) << delivered.error().message;
    }
  }

  config::v1::Kafka kafka() const { return kafka_config(cluster_.bootstrap()); }

  static constexpr const char* kTopic = "aarhus.social.v1";
  static constexpr const char* kSingle = "aarhus.consent.v1";
  MockCluster cluster_ = start_cluster();
};

TEST_F(ConsumerTest, GroupMemberReadsBackExactlyWhatWasProduced) {
  auto producer = make_producer(kafka());
  std::map<std::pair<int, std::int64_t>, ProducerRecord> produced;
  for (int i = 0; i < 6; ++i) {
    ProducerRecord record{
        .topic = kTopic,
        .key = "k1:citizen-" + std::to_string(i),
        .value = "event " + std::to_string(i),
        .headers = {{"event-id", "e" + std::to_string(i)}, {"schema", "samsag.v1.Event"}}};
    auto delivered = producer.produce(record).wait(deadline_in(5s));
    ASSERT_TRUE(delivered.ok()) << delivered.error().message;
    produced[{delivered->partition, delivered->offset}] = record;
  }

  auto consumer = make_consumer(kafka(), "bridge");
  std::vector<TopicPartition> assigned;
  RebalanceCallbacks callbacks;
  callbacks.on_assigned = [&](std::vector<PartitionOffset>& partitions) {
    for (const auto& p : partitions) assigned.push_back({p.topic, p.partition});
  };
  ASSERT_TRUE(consumer.subscribe({kTopic}, callbacks).ok());
  auto messages = consume(consumer, 6, deadline_in(10s));

  ASSERT_EQ(messages.size(), 6u);
  for (const auto& message : messages) {
    auto it = produced.find({message.partition, message.offset});
    ASSERT_NE(it, produced.end()) << message.partition << "/" << message.offset;
    EXPECT_EQ(message.topic, kTopic);
    EXPECT_EQ(message.key, it->second.key);
    EXPECT_EQ(message.value, it->second.value);
    EXPECT_EQ(message.headers, it->second.headers);
    EXPECT_TRUE(message.timestamp.has_value());
    produced.erase(it);
  }
  std::sort(assigned.begin(), assigned.end());
  EXPECT_EQ(assigned, (std::vector<TopicPartition>{{kTopic, 0}, {kTopic, 1}, {kTopic, 2}}));
  auto nothing_more = consumer.poll(50ms);
  ASSERT_TRUE(nothing_more.ok());
  EXPECT_FALSE(nothing_more->has_value());
}

TEST_F(ConsumerTest, TombstoneStaysDistinctFromEmptyValue) {
  auto producer = make_producer(kafka());
  ASSERT_TRUE(producer.produce({.topic = kSingle, .key = "k1:a", .value = std::nullopt})
                  .wait(deadline_in(5s))
                  .ok());
  ASSERT_TRUE(
      producer.produce({.topic = kSingle, .key = "k1:a", .value = ""}).wait(deadline_in(5s)).ok());

  auto consumer = make_consumer(kafka(), "reader");
  ASSERT_TRUE(consumer.assign({{kSingle, 0, kOffsetBeginning}}).ok());
  auto messages = consume(consumer, 2, deadline_in(10s));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_FALSE(messages[0].value.has_value());
  EXPECT_EQ(messages[1].value, "");
}

TEST_F(ConsumerTest, OnAssignedChoosesWhereReadingStarts) {
  produce_numbered(5);
  auto consumer = make_consumer(kafka(), "bridge");
  RebalanceCallbacks callbacks;
  callbacks.on_assigned = [](std::vector<PartitionOffset>& partitions) {
    for (auto& p : partitions) p.offset = 3;  // e.g. right after a checkpoint at offset 2
  };
  ASSERT_TRUE(consumer.subscribe({kSingle}, callbacks).ok());
  auto messages = consume(consumer, 1, deadline_in(10s));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].offset, 3);
  EXPECT_EQ(messages[0].value, "3");
}

TEST_F(ConsumerTest, ManualAssignmentReadsFromTheGivenOffset) {
  produce_numbered(4);
  auto consumer = make_consumer(kafka(), "restore");
  ASSERT_TRUE(consumer.assign({{kSingle, 0, 2}}).ok());
  auto messages = consume(consumer, 2, deadline_in(10s));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].offset, 2);
  EXPECT_EQ(messages[1].offset, 3);
  auto assignment = consumer.assignment();
  ASSERT_TRUE(assignment.ok());
  EXPECT_EQ(*assignment, (std::vector<TopicPartition>{{kSingle, 0}}));
}

TEST_F(ConsumerTest, SeekRereadsFromAnEarlierOffset) {
  produce_numbered(3);
  auto consumer = make_consumer(kafka(), "restore");
  ASSERT_TRUE(consumer.assign({{kSingle, 0, kOffsetBeginning}}).ok());
  ASSERT_EQ(consume(consumer, 3, deadline_in(10s)).size(), 3u);

  ASSERT_TRUE(consumer.seek({kSingle, 0}, 1, deadline_in(5s)).ok());
  auto again = consume(consumer, 1, deadline_in(10s));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].offset, 1);
}

TEST_F(ConsumerTest, WatermarksAndPositionTellWhetherTheConsumerCaughtUp) {
  produce_numbered(3);
  auto consumer = make_consumer(kafka(), "restore");
  ASSERT_TRUE(consumer.assign({{kSingle, 0, kOffsetBeginning}}).ok());

  auto marks = consumer.watermarks({kSingle, 0}, deadline_in(5s));
  ASSERT_TRUE(marks.ok()) << marks.error().message;
  EXPECT_EQ(*marks, (Watermarks{0, 3}));

  ASSERT_EQ(consume(consumer, 3, deadline_in(10s)).size(), 3u);
  auto position = consumer.position({{kSingle, 0}});
  ASSERT_TRUE(position.ok());
  ASSERT_EQ(position->size(), 1u);
  EXPECT_EQ((*position)[0].offset, marks->high);
}

TEST_F(ConsumerTest, FetchedWatermarksComeWithTheRecordsWithoutAskingTheBroker) {
  produce_numbered(3);
  auto consumer = make_consumer(kafka(), "gauges");
  ASSERT_TRUE(consumer.assign({{kSingle, 0, kOffsetBeginning}}).ok());
  ASSERT_EQ(consume(consumer, 3, deadline_in(10s)).size(), 3u);
  auto marks = consumer.fetched_watermarks({kSingle, 0});
  ASSERT_TRUE(marks.ok()) << marks.error().message;
  EXPECT_EQ(marks->high, 3);
  EXPECT_EQ(marks->low, 0);
  EXPECT_FALSE(consumer.fetched_watermarks({kSingle, 7}).ok()) << "a partition never fetched";
}

TEST_F(ConsumerTest, CommittedOffsetIsWhereTheNextReaderResumes) {
  produce_numbered(4);
  {
    auto first = make_consumer(kafka(), "bridge");
    ASSERT_TRUE(first.subscribe({kSingle}).ok());
    ASSERT_EQ(consume(first, 4, deadline_in(10s)).size(), 4u);
    ASSERT_TRUE(first.commit({{kSingle, 0, 2}}).ok());

    auto committed = first.committed({{kSingle, 0}}, deadline_in(5s));
    ASSERT_TRUE(committed.ok()) << committed.error().message;
    EXPECT_EQ(*committed, (std::vector<PartitionOffset>{{kSingle, 0, 2}}));
    ASSERT_TRUE(first.close(deadline_in(5s)).ok());
  }
  // Assigned by hand with no offset: starts at the group's committed one. (A second subscriber
  // would wait out the mock cluster's rebalance delay after the first left.)
  auto second = make_consumer(kafka(), "bridge");
  ASSERT_TRUE(second.assign({{kSingle, 0, std::nullopt}}).ok());
  auto messages = consume(second, 1, deadline_in(10s));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].offset, 2);
}

TEST_F(ConsumerTest, CommittedIsEmptyBeforeAnyCommit) {
  auto consumer = make_consumer(kafka(), "fresh");
  auto committed = consumer.committed({{kSingle, 0}}, deadline_in(5s));
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  ASSERT_EQ(committed->size(), 1u);
  EXPECT_FALSE((*committed)[0].offset.has_value());
}

TEST_F(ConsumerTest, CommitRefusesAnUnsetOffset) {
  auto consumer = make_consumer(kafka(), "bridge");
  auto status = consumer.commit({{kSingle, 0, std::nullopt}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, errc::kInvalidState);
}

TEST_F(ConsumerTest, PollReturnsNothingWhenNoRecordArrives) {
  auto consumer = make_consumer(kafka(), "idle");
  ASSERT_TRUE(consumer.assign({{kSingle, 0, kOffsetEnd}}).ok());
  auto polled = consumer.poll(50ms);
  ASSERT_TRUE(polled.ok()) << polled.error().message;
  EXPECT_FALSE(polled->has_value());
}

TEST_F(ConsumerTest, PollAfterCloseIsInvalidState) {
  auto consumer = make_consumer(kafka(), "reader");
  ASSERT_TRUE(consumer.assign({{kSingle, 0, kOffsetBeginning}}).ok());
  ASSERT_TRUE(consumer.close(deadline_in(5s)).ok());
  auto polled = consumer.poll(10ms);
  ASSERT_FALSE(polled.ok());
  EXPECT_EQ(polled.error().code, errc::kInvalidState);
}

TEST_F(ConsumerTest, CloseHandsPartitionsBackThroughOnRevoked) {
  auto consumer = make_consumer(kafka(), "bridge");
  bool assigned = false;
  std::vector<TopicPartition> revoked;
  RebalanceCallbacks callbacks;
  callbacks.on_assigned = [&](std::vector<PartitionOffset>&) { assigned = true; };
  callbacks.on_revoked = [&](const std::vector<TopicPartition>& partitions) {
    revoked = partitions;
  };
  ASSERT_TRUE(consumer.subscribe({kSingle}, callbacks).ok());
  ASSERT_TRUE(poll_until(
      consumer, [&] { return assigned; }, deadline_in(10s)));

  ASSERT_TRUE(consumer.close(deadline_in(5s)).ok());
  EXPECT_EQ(revoked, (std::vector<TopicPartition>{{kSingle, 0}}));
}

TEST_F(ConsumerTest, DestructorDoesNotCallBackIntoDestroyedObjects) {
  int revocations = 0;
  {
    auto consumer = make_consumer(kafka(), "bridge");
    bool assigned = false;
    RebalanceCallbacks callbacks;
    callbacks.on_assigned = [&](std::vector<PartitionOffset>&) { assigned = true; };
    callbacks.on_revoked = [&](const std::vector<TopicPartition>&) { ++revocations; };
    ASSERT_TRUE(consumer.subscribe({kSingle}, callbacks).ok());
    ASSERT_TRUE(poll_until(
        consumer, [&] { return assigned; }, deadline_in(10s)));
  }
  EXPECT_EQ(revocations, 0);
}

}  // namespace
}  // namespace samsag::kafka
