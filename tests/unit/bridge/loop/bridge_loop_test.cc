// The whole loop in one process against librdkafka's mock cluster: it refuses topics that are not
// co-partitioned, applies events into its store, and a fenced transactional producer makes it
// drop its clients and rejoin instead of stopping (the mock answers with the fencing error; it
// does not enforce transactions otherwise).
#include "bridge/loop/bridge_loop.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <thread>

#include "bridge/loop/co_partitioning.h"
#include "core/config/topics.h"
#include "core/kafka/mock_cluster.h"
#include "core/kafka/producer.h"
#include "core/metrics/metrics.h"
#include "event_builder.h"
#include "tests/support/scratch_name.h"

namespace samsag::bridge {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using samsag::v1::Event;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

class BridgeLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    state_dir_ = fs::temp_directory_path() / samsag::testing::scratch_name("samsag-loop-test-");
    options_.config.mutable_municipality()->set_slug("m");
    options_.config.mutable_municipality()->set_code(testing::kAarhus);
    auto& kafka = *options_.config.mutable_kafka();
    kafka.set_bootstrap(cluster_.bootstrap());
    kafka.set_partitions(2);
    (*kafka.mutable_properties())["session.timeout.ms"] = "3000";
    (*kafka.mutable_properties())["heartbeat.interval.ms"] = "300";
    options_.state_dir = state_dir_;
    options_.instance_id = "unit";
    options_.kafka_timeout = 10s;
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(state_dir_, ignored);
  }

  void create_topics(int partitions, int case_partitions) {
    for (const auto& topic : topics_.all()) {
      ASSERT_TRUE(
          cluster_.create_topic(topic, topic == topics_.case_ ? case_partitions : partitions).ok());
    }
  }

  void produce(const Event& event) {
    config::v1::Kafka kafka;
    kafka.set_bootstrap(cluster_.bootstrap());
    if (!producer_) {
      producer_.emplace(value_or_throw(
          kafka::Producer::create(value_or_throw(kafka::KafkaSettings::for_producer(kafka)))));
    }
    auto delivered = producer_
                         ->produce({.topic = topics_.for_sector(event.sector()),
                                    .key = event.citizen(),
                                    .value = event.SerializeAsString()})
                         .wait(kafka::deadline_in(10s));
    ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  }

  // Polls the loop's store until the citizen's case has `sectors` sector views.
  bool wait_for_sectors(const BridgeLoop& loop, int sectors) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      auto found = loop.cases().get(testing::kCitizen);
      if (found.ok() && found->has_value() && (*found)->sectors_size() == sectors) return true;
      std::unique_lock lock(mutex_);
      // Waits on nothing that is signalled: a bounded pause between two looks at the store.
      polled_.wait_for(lock, 50ms);
    }
    return false;
  }

  kafka::MockCluster cluster_ = value_or_throw(kafka::MockCluster::start(1));
  config::Topics topics_ = config::Topics::for_municipality("m");
  BridgeOptions options_;
  fs::path state_dir_;
  std::optional<kafka::Producer> producer_;
  std::mutex mutex_;
  std::condition_variable polled_;
};

TEST_F(BridgeLoopTest, RefusesACaseTopicWithAnotherPartitionCount) {
  create_topics(2, 3);
  auto loop = BridgeLoop::create(options_);
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.error().code, kNotCoPartitioned);
}

TEST_F(BridgeLoopTest, RefusesWhenATopicIsMissing) {
  ASSERT_TRUE(cluster_.create_topic(topics_.case_, 2).ok());
  auto loop = BridgeLoop::create(options_);
  ASSERT_FALSE(loop.ok());
  EXPECT_EQ(loop.error().code, kTopicsMissing);
}

TEST_F(BridgeLoopTest, FencedProducerRejoinsAndTheFlowGoesOn) {
  create_topics(2, 2);
  options_.config.mutable_kafka()->set_transactions(true);
  auto loop = value_or_throw(BridgeLoop::create(options_));
  Status outcome = ok_status();
  std::thread runner([&] { outcome = loop->run(); });

  produce(testing::sector_event(Event::kBenefitStarted, "e1", "B-1", 10));
  EXPECT_TRUE(wait_for_sectors(*loop, 1)) << "the first event never reached the store";

  // Another instance took over this transactional.id: the next transaction is fenced.
  cluster_.fail_next_requests(kafka::kafka_protocol::kAddPartitionsToTxnRequest,
                              {kafka::kafka_protocol::kProducerFenced});
  produce(testing::consent_granted("c1", 1, {samsag::v1::SECTOR_SOCIAL}));
  produce(testing::sector_event(Event::kMeasureGranted, "s1", "M-1", 11));
  EXPECT_TRUE(wait_for_sectors(*loop, 2)) << "the loop did not recover from being fenced";
  EXPECT_NE(metrics::serialize().find(R"(samsag_bridge_session_restarts_total{reason="FENCED"})"),
            std::string::npos);

  loop->stop();
  runner.join();
  EXPECT_TRUE(outcome.ok()) << outcome.error().message;
  EXPECT_FALSE(loop->readiness().ready());
}

TEST_F(BridgeLoopTest, TellsWhichPartitionsItOwnsAndThatItOwnsNoneOnceStopped) {
  create_topics(3, 3);
  std::vector<std::vector<std::int32_t>> announced;
  options_.on_assignment = [&](const std::vector<std::int32_t>& owned) {
    std::lock_guard lock(mutex_);
    announced.push_back(owned);
    polled_.notify_all();
  };
  auto loop = value_or_throw(BridgeLoop::create(options_));
  std::thread runner([&] { (void)loop->run(); });
  {
    std::unique_lock lock(mutex_);
    EXPECT_TRUE(polled_.wait_for(lock, 20s, [&] { return !announced.empty(); }))
        << "the loop never announced its assignment";
  }
  loop->stop();
  runner.join();
  std::lock_guard lock(mutex_);
  ASSERT_FALSE(announced.empty());
  EXPECT_EQ(announced.front(), (std::vector<std::int32_t>{0, 1, 2}));
  EXPECT_TRUE(announced.back().empty());
}

}  // namespace
}  // namespace samsag::bridge
