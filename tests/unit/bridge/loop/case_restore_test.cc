// Restoring a partition of the state store from the case topic (librdkafka's in-process mock
// cluster): the latest snapshot per citizen and the latest checkpoint; only what is new when the
// store's own copy still matches the topic; from scratch when it does not.
#include "bridge/loop/case_restore.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "bridge/loop/input_offsets.h"
#include "core/kafka/mock_cluster.h"
#include "core/kafka/producer.h"
#include "samsag/config/v1/config.pb.h"
#include "tests/support/scratch_name.h"

namespace samsag::bridge {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kCaseTopic = "m.case.v1";
constexpr std::int32_t kPartition = 1;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

samsag::v1::Checkpoint checkpoint_at(std::int32_t partition, std::int64_t social_next) {
  InputOffsets offsets;
  offsets.applied("m.social.v1", social_next - 1);
  return offsets.to_checkpoint(partition, {});
}

class CaseRestoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster_.create_topic(kCaseTopic, 2).ok());
    kafka_.set_bootstrap(cluster_.bootstrap());
    dir_ = fs::temp_directory_path() / samsag::testing::scratch_name("samsag-restore-test-");
    store_ = value_or_throw(StateStore::open(dir_, 2));
  }
  void TearDown() override {
    store_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  void put(const std::string& key, std::optional<std::string> value,
           std::int32_t partition = kPartition) {
    auto delivered = producer_
                         .produce({.topic = kCaseTopic,
                                   .key = key,
                                   .value = std::move(value),
                                   .partition = partition})
                         .wait(kafka::deadline_in(10s));
    ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  }
  void checkpoint(std::int64_t social_next, std::int32_t partition = kPartition) {
    put(checkpoint_key(partition), checkpoint_at(partition, social_next).SerializeAsString(),
        partition);
  }

  RestoreReport restore() {
    auto report =
        restore_partition(*store_, reader_, kCaseTopic, kPartition, kafka::deadline_in(10s));
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message);
    return report.ok() ? *report : RestoreReport{};
  }
  std::optional<std::string> stored(const std::string& pseudonym) {
    return value_or_throw(store_->get_bytes(pseudonym));
  }

  kafka::MockCluster cluster_ = value_or_throw(kafka::MockCluster::start(1));
  config::v1::Kafka kafka_;
  kafka::Producer producer_ = [this] {
    kafka_.set_bootstrap(cluster_.bootstrap());
    return value_or_throw(
        kafka::Producer::create(value_or_throw(kafka::KafkaSettings::for_producer(kafka_))));
  }();
  kafka::Consumer reader_ = value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(kafka_, "restore-test"))));
  fs::path dir_;
  std::unique_ptr<StateStore> store_;
};

TEST_F(CaseRestoreTest, LatestSnapshotPerCitizenAndLatestCheckpoint) {
  put("k1:a", "a-1");
  checkpoint(5);
  put("k1:b", "b-1");
  put("k1:a", "a-2");
  checkpoint(9);
  put("k1:c", "c-1");  // a snapshot whose checkpoint never came: kept, its events replayed

  const auto report = restore();
  EXPECT_TRUE(report.from_scratch);
  EXPECT_EQ(report.records_read, 6);
  EXPECT_EQ(stored("k1:a"), "a-2");
  EXPECT_EQ(stored("k1:b"), "b-1");
  EXPECT_EQ(stored("k1:c"), "c-1");
  ASSERT_TRUE(report.progress.checkpoint.has_value());
  EXPECT_EQ(InputOffsets::from_checkpoint(*report.progress.checkpoint).next("m.social.v1"), 9);
  EXPECT_EQ(report.progress.next_case_offset, 6);
  auto progress = value_or_throw(store_->progress(kPartition));
  EXPECT_EQ(progress.next_case_offset, 6);
}

TEST_F(CaseRestoreTest, ReadsOnlyWhatCameAfterTheStoresOwnCopy) {
  put("k1:a", "a-1");
  checkpoint(3);
  restore();
  put("k1:d", "d-1");
  put("k1:a", std::nullopt);  // a tombstone removes the case
  checkpoint(7);
  const auto report = restore();
  EXPECT_FALSE(report.from_scratch);
  EXPECT_EQ(report.records_read, 3);
  EXPECT_EQ(stored("k1:d"), "d-1");
  EXPECT_FALSE(stored("k1:a").has_value());
  EXPECT_EQ(InputOffsets::from_checkpoint(*report.progress.checkpoint).next("m.social.v1"), 7);
}

TEST_F(CaseRestoreTest, CaughtUpStoreReadsNothing) {
  put("k1:a", "a-1");
  checkpoint(3);
  restore();
  const auto report = restore();
  EXPECT_FALSE(report.from_scratch);
  EXPECT_EQ(report.records_read, 0);
  EXPECT_EQ(stored("k1:a"), "a-1");
}

TEST_F(CaseRestoreTest, StoreAheadOfTheTopicIsRebuiltFromIt) {
  // A store from another incarnation of the topic (recreated, or another cluster).
  ASSERT_TRUE(store_
                  ->write({.partition = kPartition,
                           .cases = {{"k1:stale", "old"}},
                           .next_case_offset = 100,
                           .checkpoint = checkpoint_at(kPartition, 50)})
                  .ok());
  put("k1:a", "a-1");
  checkpoint(2);
  const auto report = restore();
  EXPECT_TRUE(report.from_scratch);
  EXPECT_FALSE(stored("k1:stale").has_value());
  EXPECT_EQ(stored("k1:a"), "a-1");
  EXPECT_EQ(InputOffsets::from_checkpoint(*report.progress.checkpoint).next("m.social.v1"), 2);
}

TEST_F(CaseRestoreTest, OtherPartitionsAreLeftAlone) {
  put("k1:other", "o-1", 0);
  checkpoint(4, 0);
  put("k1:a", "a-1");
  const auto report = restore();
  EXPECT_EQ(report.records_read, 1);
  EXPECT_FALSE(stored("k1:other").has_value());
  EXPECT_FALSE(report.progress.checkpoint.has_value());
}

TEST_F(CaseRestoreTest, AnotherPartitionsCheckpointOnThisPartitionIsIgnored) {
  put("k1:a", "a-1");
  checkpoint(3);
  put(checkpoint_key(0), checkpoint_at(0, 99).SerializeAsString());
  const auto report = restore();
  EXPECT_EQ(report.records_read, 3);
  EXPECT_EQ(InputOffsets::from_checkpoint(*report.progress.checkpoint).next("m.social.v1"), 3);
}

TEST_F(CaseRestoreTest, StopRequestEndsTheRestore) {
  put("k1:a", "a-1");
  RestoreHooks hooks;
  hooks.stop_requested = [] { return true; };
  auto report =
      restore_partition(*store_, reader_, kCaseTopic, kPartition, kafka::deadline_in(10s), hooks);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, kRestoreInterrupted);
}

}  // namespace
}  // namespace samsag::bridge
