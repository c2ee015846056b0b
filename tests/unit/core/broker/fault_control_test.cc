// The fault-injection endpoints of `samsag broker --control` against an in-process mock cluster:
// what each refuses (400 naming the parameter or what the cluster lacks) and that a moved leader
// really serves the partition.
#include "core/broker/fault_control.h"

#include <gtest/gtest.h>

#include "core/kafka/mock_cluster.h"
#include "tests/support/http_client.h"
#include "tests/unit/core/kafka/kafka_test_support.h"

namespace samsag::broker {
namespace {

using namespace std::chrono_literals;
using samsag::testing::http_post;
using samsag::testing::HttpReply;

constexpr const char* kTopic = "aarhus.case.v1";

class FaultControl : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<kafka::MockCluster>(kafka::testing::start_cluster());
    ASSERT_TRUE(cluster_->create_topic(kTopic, 2).ok());
    auto server = start_fault_control(*cluster_, "127.0.0.1", 0);
    ASSERT_TRUE(server.ok()) << server.error().message;
    server_ = std::move(*server);
  }
  void TearDown() override {
    if (server_) server_->stop();
  }

  HttpReply post(const std::string& path) { return http_post(server_->port(), path, "", ""); }

  std::unique_ptr<kafka::MockCluster> cluster_;
  std::unique_ptr<http::Server> server_;
};

TEST_F(FaultControl, MovesAPartitionLeaderAndTheCoordinators) {
  EXPECT_EQ(post(std::string("/faults/leader?topic=") + kTopic + "&partition=1&broker=3").status,
            204);
  EXPECT_EQ(post("/faults/coordinator?type=group&key=aarhus.bridge&broker=2").status, 204);
  EXPECT_EQ(post("/faults/coordinator?type=transaction&key=aarhus.bridge-0&broker=1").status, 204);
}

TEST_F(FaultControl, RefusesALeaderMoveItCannotMake) {
  const std::string topic = std::string("topic=") + kTopic;
  struct Case {
    std::string query;
    std::string named;  // what the 400 must name
  };
  const std::vector<Case> cases = {
      {"partition=0&broker=1", "topic"},
      {"topic=&partition=0&broker=1", "topic"},
      {topic + "&broker=1", "partition"},
      {topic + "&partition=-1&broker=1", "partition"},
      {topic + "&partition=x&broker=1", "partition"},
      {topic + "&partition=0", "broker"},
      {topic + "&partition=0&broker=0", "broker"},
      // what only the cluster knows: librdkafka 2.0.2 would create the unknown topic
      {"topic=aarhus.nothing.v1&partition=0&broker=1", "aarhus.nothing.v1"},
      {topic + "&partition=2&broker=1", "partitions 0..1"},
      {topic + "&partition=0&broker=4", "brokers 1..3"},
  };
  for (const auto& bad : cases) {
    const auto reply = post("/faults/leader?" + bad.query);
    EXPECT_EQ(reply.status, 400) << bad.query;
    EXPECT_NE(reply.body.find(bad.named), std::string::npos) << bad.query << ": " << reply.body;
  }
}

TEST_F(FaultControl, RefusesACoordinatorMoveItCannotMake) {
  struct Case {
    std::string query;
    std::string named;
  };
  const std::vector<Case> cases = {
      {"key=g&broker=1", "type"},
      {"type=topic&key=g&broker=1", "type"},
      {"type=group&broker=1", "key"},
      {"type=group&key=&broker=1", "key"},
      {"type=group&key=g", "broker"},
      {"type=group&key=g&broker=-2", "broker"},
      // the mock would hand clients a coordinator it does not have
      {"type=group&key=g&broker=9", "brokers 1..3"},
      {"type=transaction&key=t&broker=4", "brokers 1..3"},
  };
  for (const auto& bad : cases) {
    const auto reply = post("/faults/coordinator?" + bad.query);
    EXPECT_EQ(reply.status, 400) << bad.query;
    EXPECT_NE(reply.body.find(bad.named), std::string::npos) << bad.query << ": " << reply.body;
  }
}

// A partition led by a broker that is down takes no record; moved to a live broker, it does.
TEST_F(FaultControl, AMovedLeaderServesThePartition) {
  ASSERT_EQ(post(std::string("/faults/leader?topic=") + kTopic + "&partition=0&broker=2").status,
            204);
  ASSERT_EQ(post("/faults/brokers/2/down").status, 204);
  auto producer =
      kafka::testing::make_producer(kafka::testing::kafka_config(cluster_->bootstrap()));
  auto delivery =
      producer.produce({.topic = kTopic, .key = "key", .value = "value", .partition = 0});
  EXPECT_FALSE(delivery.wait(kafka::deadline_in(1s)).ok()) << "broker 2 is down yet answered";

  ASSERT_EQ(post(std::string("/faults/leader?topic=") + kTopic + "&partition=0&broker=1").status,
            204);
  const auto delivered = delivery.wait(kafka::deadline_in(60s));
  ASSERT_TRUE(delivered.ok()) << delivered.error().message;
  EXPECT_EQ(delivered->partition, 0);
  EXPECT_EQ(post("/faults/brokers/2/up").status, 204);
}

}  // namespace
}  // namespace samsag::broker
