#include "bridge/cluster/member_directory.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "core/kafka/mock_cluster.h"
#include "core/kafka/partitioner.h"
#include "core/kafka/producer.h"
#include "samsag/v1/members.pb.h"

namespace samsag::bridge {
namespace {

using namespace std::chrono_literals;
using google::protobuf::util::TimeUtil;

constexpr const char* kTopic = "m.members.v1";
constexpr auto kWait = 20s;

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

// Asks `done` until it holds or `timeout` passed; the directories work on their own threads.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout = kWait) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(20ms);  // polling a condition with a deadline, not a sync
  }
  return true;
}

class MemberDirectoryTest : public ::testing::Test {
 protected:
  std::unique_ptr<MemberDirectory> directory(
      const std::string& id, std::function<std::chrono::system_clock::time_point()> wall_clock =
                                 [] { return std::chrono::system_clock::now(); }) {
    MemberDirectoryOptions options;
    options.wall_clock = std::move(wall_clock);
    options.kafka.set_bootstrap(cluster_.bootstrap());
    options.topic = kTopic;
    options.instance_id = id;
    options.partitions = 4;
    options.heartbeat_interval = 500ms;
    return value_or_throw(MemberDirectory::start(options));
  }

  kafka::MockCluster cluster_ = value_or_throw(kafka::MockCluster::start(1));
};

TEST_F(MemberDirectoryTest, PeersLearnEachOthersPartitionsAndAGracefulStopReleasesThem) {
  ASSERT_TRUE(cluster_.create_topic(kTopic, 1).ok());
  auto a = directory("a");
  auto b = directory("b");
  a->advertise("http://127.0.0.1:1001");
  b->advertise("http://127.0.0.1:1002");
  a->set_owned({1, 0});
  b->set_owned({2, 3});

  EXPECT_TRUE(a->owns(0));
  EXPECT_FALSE(a->owns(2));
  EXPECT_TRUE(eventually([&] { return a->owner_address(3) == "http://127.0.0.1:1002"; }));
  EXPECT_TRUE(eventually([&] { return b->owner_address(0) == "http://127.0.0.1:1001"; }));

  // A rebalance: b takes partition 1 over; a's later record no longer lists it.
  a->set_owned({0});
  b->set_owned({1, 2, 3});
  EXPECT_TRUE(eventually([&] { return a->owner_address(1) == "http://127.0.0.1:1002"; }));

  b->stop();
  EXPECT_TRUE(eventually([&] { return !a->owner_address(2).has_value(); }))
      << "a graceful stop did not release b's partitions";
  EXPECT_EQ(a->owner_address(0), "http://127.0.0.1:1001");
}

TEST_F(MemberDirectoryTest, AClaimThatIsNotRenewedStopsCounting) {
  ASSERT_TRUE(cluster_.create_topic(kTopic, 1).ok());
  // The directory reads the time from a clock the test moves, so a slow machine cannot let the
  // claim expire before it was even read.
  const auto start = std::chrono::system_clock::now();
  std::atomic<std::chrono::system_clock::time_point> wall_clock{start};
  auto a = directory("a", [&] { return wall_clock.load(); });
  // What a crashed instance left behind: a claim that expires a minute from `start`.
  samsag::v1::BridgeMember ghost;
  ghost.set_instance_id("ghost");
  ghost.set_api_address("http://127.0.0.1:1003");
  ghost.add_partitions(2);
  const auto now = TimeUtil::NanosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::nanoseconds>(start.time_since_epoch()).count());
  *ghost.mutable_assigned_at() = now;
  *ghost.mutable_updated_at() = now;
  *ghost.mutable_expires_at() = now + TimeUtil::SecondsToDuration(60);
  config::v1::Kafka kafka;
  kafka.set_bootstrap(cluster_.bootstrap());
  auto producer = value_or_throw(
      kafka::Producer::create(value_or_throw(kafka::KafkaSettings::for_producer(kafka))));
  ASSERT_TRUE(
      producer.produce({.topic = kTopic, .key = "ghost", .value = ghost.SerializeAsString()})
          .wait(kafka::deadline_in(5s))
          .ok());

  ASSERT_TRUE(eventually([&] { return a->owner_address(2) == "http://127.0.0.1:1003"; }));
  wall_clock = start + 59s;
  EXPECT_EQ(a->owner_address(2), "http://127.0.0.1:1003");
  wall_clock = start + 61s;
  EXPECT_FALSE(a->owner_address(2).has_value()) << "the stale claim still counts";
}

TEST_F(MemberDirectoryTest, IgnoresRecordsThatAreNoMembershipAndGoesOn) {
  ASSERT_TRUE(cluster_.create_topic(kTopic, 1).ok());
  config::v1::Kafka kafka;
  kafka.set_bootstrap(cluster_.bootstrap());
  auto producer = value_or_throw(
      kafka::Producer::create(value_or_throw(kafka::KafkaSettings::for_producer(kafka))));
  ASSERT_TRUE(producer.produce({.topic = kTopic, .key = "x", .value = "\xff\xff not protobuf"})
                  .wait(kafka::deadline_in(5s))
                  .ok());
  auto a = directory("a");
  auto b = directory("b");
  b->advertise("http://127.0.0.1:1002");
  b->set_owned({3});
  EXPECT_TRUE(eventually([&] { return a->owner_address(3) == "http://127.0.0.1:1002"; }));
}

TEST_F(MemberDirectoryTest, WorksWhenItsTopicAppearsAfterItStarted) {
  auto a = directory("a");
  a->advertise("http://127.0.0.1:1001");
  a->set_owned({0});
  EXPECT_FALSE(a->owner_address(0).has_value());
  ASSERT_TRUE(cluster_.create_topic(kTopic, 1).ok());
  EXPECT_TRUE(eventually([&] { return a->owner_address(0) == "http://127.0.0.1:1001"; }));
}

TEST_F(MemberDirectoryTest, PartitionOfIsTheProducersPartition) {
  auto a = directory("a");
  EXPECT_EQ(a->partition_of("k1:abc"), kafka::murmur2_partition("k1:abc", 4));
}

TEST(AdvertisedApiUrl, TakesTheConfiguredAddress) {
  EXPECT_EQ(advertised_api_url("bridge-1.aarhus.invalid:8080", "0.0.0.0", 8080, "h").value(),
            "http://bridge-1.aarhus.invalid:8080");
}

TEST(AdvertisedApiUrl, UsesTheBoundPortAndTheHostNameForAWildcard) {
  EXPECT_EQ(advertised_api_url("", "127.0.0.1", 41234, "h").value(), "http://127.0.0.1:41234");
  EXPECT_EQ(advertised_api_url("", "0.0.0.0", 8080, "bridge-2").value(), "http://bridge-2:8080");
  EXPECT_EQ(advertised_api_url("[::]:0", "::", 9000, "bridge-3").value(), "http://bridge-3:9000");
  EXPECT_EQ(advertised_api_url("", "::1", 9000, "h").value(), "http://[::1]:9000");
}

TEST(AdvertisedApiUrl, RefusesAnAddressThatIsNotHostPort) {
  const auto url = advertised_api_url("bridge-1", "0.0.0.0", 8080, "h");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, "INVALID_ADDRESS");
}

}  // namespace
}  // namespace samsag::bridge
