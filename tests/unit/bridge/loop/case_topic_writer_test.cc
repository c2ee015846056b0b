// Writing a round to the case topic (librdkafka's in-process mock cluster): each partition's
// snapshots, then its checkpoint last on the same partition; dead letters to the dlq topic; and
// no checkpoint at all when a snapshot was not confirmed.
#include "bridge/loop/case_topic_writer.h"

#include <gtest/gtest.h>

#include "bridge/loop/input_offsets.h"
#include "core/kafka/consumer.h"
#include "core/kafka/mock_cluster.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

const config::Topics kTopics = config::Topics::for_municipality("m");

class CaseTopicWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& topic : kTopics.all()) ASSERT_TRUE(cluster_.create_topic(topic, 2).ok());
    kafka_.set_bootstrap(cluster_.bootstrap());
  }

  std::unique_ptr<CaseTopicWriter> writer(bool transactional) {
    auto settings = transactional
                        ? kafka::KafkaSettings::for_transactional_producer(kafka_, "writer-test")
                        : kafka::KafkaSettings::for_producer(kafka_);
    return value_or_throw(CaseTopicWriter::create(value_or_throw(std::move(settings)),
                                                  transactional, kTopics, kafka::deadline_in(10s)));
  }

  // Every record of `topic` partition `partition`, as (key, value), in offset order.
  std::vector<std::pair<std::string, std::string>> read(const std::string& topic,
                                                        std::int32_t partition) {
    auto consumer = value_or_throw(kafka::Consumer::create(
        value_or_throw(kafka::KafkaSettings::for_consumer(kafka_, "writer-test-reader"))));
    const auto end =
        value_or_throw(consumer.watermarks({topic, partition}, kafka::deadline_in(10s)));
    std::vector<std::pair<std::string, std::string>> records;
    if (end.high == 0) return records;
    EXPECT_TRUE(consumer.assign({{topic, partition, kafka::kOffsetBeginning}}).ok());
    const auto deadline = kafka::deadline_in(10s);
    while (static_cast<std::int64_t>(records.size()) < end.high && kafka::Clock::now() < deadline) {
      auto polled = consumer.poll(100ms);
      if (polled.ok() && *polled) {
        records.emplace_back((*polled)->key.value_or(""), (*polled)->value.value_or(""));
      }
    }
    return records;
  }

  static PartitionRound round(std::int32_t partition, std::int64_t social_next) {
    InputOffsets offsets;
    offsets.applied(kTopics.social, social_next - 1);
    PartitionRound round{.partition = partition,
                         .snapshots = {{"k1:a" + std::to_string(partition), "case a"},
                                       {"k1:b" + std::to_string(partition), "case b"}},
                         .checkpoint = offsets.to_checkpoint(partition, {})};
    return round;
  }

  kafka::MockCluster cluster_ = value_or_throw(kafka::MockCluster::start(1));
  config::v1::Kafka kafka_;
};

TEST_F(CaseTopicWriterTest, SnapshotsThenTheCheckpointLastOnTheSamePartition) {
  auto rounds = std::vector<PartitionRound>{round(0, 4), round(1, 9)};
  samsag::v1::DeadLetter letter;
  letter.set_reason(samsag::v1::DEAD_LETTER_REASON_INVALID_EVENT);
  letter.mutable_origin()->set_topic(kTopics.social);
  rounds[1].dead_letters.push_back(letter);

  auto consumer = value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(kafka_, "writer-test-group"))));
  auto written =
      writer(false)->write(rounds, consumer.group_metadata(), {}, kafka::deadline_in(10s));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(written->at(0), 2);
  EXPECT_EQ(written->at(1), 2);

  const auto partition1 = read(kTopics.case_, 1);
  ASSERT_EQ(partition1.size(), 3u);
  EXPECT_EQ(partition1[0], (std::pair<std::string, std::string>{"k1:a1", "case a"}));
  EXPECT_EQ(partition1[1].first, "k1:b1");
  EXPECT_EQ(partition1[2].first, "__checkpoint/1");
  samsag::v1::Checkpoint checkpoint;
  ASSERT_TRUE(checkpoint.ParseFromString(partition1[2].second));
  EXPECT_EQ(InputOffsets::from_checkpoint(checkpoint).next(kTopics.social), 9);

  auto letters = read(kTopics.dlq, 0);
  const auto more = read(kTopics.dlq, 1);
  letters.insert(letters.end(), more.begin(), more.end());
  ASSERT_EQ(letters.size(), 1u);
  EXPECT_EQ(letters[0].first, "");  // no key: a dead letter may name no valid citizen
}

TEST_F(CaseTopicWriterTest, NoCheckpointWhenASnapshotIsNotConfirmed) {
  auto consumer = value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(kafka_, "writer-test-group"))));
  auto case_writer = writer(false);
  cluster_.fail_next_requests(kafka::kafka_protocol::kProduceRequest,
                              {kafka::kafka_protocol::kTopicAuthorizationFailed});
  auto written =
      case_writer->write({round(0, 4)}, consumer.group_metadata(), {}, kafka::deadline_in(10s));
  ASSERT_FALSE(written.ok());
  for (const auto& [key, value] : read(kTopics.case_, 0)) {
    EXPECT_NE(key, "__checkpoint/0") << "a checkpoint vouches for a snapshot that is not there";
  }
}

TEST_F(CaseTopicWriterTest, TransactionalWriterRunsTheSameRound) {
  // The mock cluster does not enforce transactions; this shows only that the calls succeed.
  auto consumer = value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(kafka_, "writer-test-group"))));
  auto written = writer(true)->write({round(0, 4)}, consumer.group_metadata(),
                                     {{kTopics.social, 0, 4}}, kafka::deadline_in(10s));
  ASSERT_TRUE(written.ok()) << written.error().message;
  const auto records = read(kTopics.case_, 0);
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.back().first, "__checkpoint/0");
}

}  // namespace
}  // namespace samsag::bridge
