// The mock cluster itself: what tests and `samsag broker` rely on beyond the Kafka clients' own
// tests (which use it throughout).
#include "core/kafka/mock_cluster.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>

#include "core/kafka/admin.h"
#include "core/kafka/error_codes.h"
#include "tests/unit/core/kafka/kafka_test_support.h"

namespace samsag::kafka {
namespace {

using namespace testing;

Admin admin_of(const MockCluster& cluster) {
  return value_or_throw(
      Admin::create(value_or_throw(KafkaSettings::for_admin(kafka_config(cluster.bootstrap())))));
}

std::string code_of(const Status& status) { return status.ok() ? "OK" : status.error().code; }

TEST(MockCluster, ListsItsBrokersOnLoopbackAsTheBootstrapListDoes) {
  auto cluster = start_cluster();
  ASSERT_EQ(cluster.brokers().size(), 3U);
  std::set<std::uint16_t> ports;
  std::string joined;
  for (const auto& broker : cluster.brokers()) {
    EXPECT_EQ(broker.host, "127.0.0.1");
    ports.insert(broker.port);
    joined += (joined.empty() ? "" : ",") + broker.to_string();
  }
  EXPECT_EQ(ports.size(), 3U) << "two brokers share a port";
  EXPECT_EQ(joined, cluster.bootstrap());
}

// TCP_NODELAY of the socket in this process that the mock cluster accepted on `port` for the
// client at `client_port`; nullopt while it has not accepted that connection.
std::optional<int> accepted_nodelay(std::uint16_t port, std::uint16_t client_port) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    const int fd = std::atoi(entry.path().filename().c_str());
    int listening = 1;
    socklen_t length = sizeof listening;
    if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) != 0 || listening) {
      continue;
    }
    sockaddr_in local{};
    length = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0 ||
        local.sin_family != AF_INET || ntohs(local.sin_port) != port) {
      continue;
    }
    sockaddr_in peer{};
    length = sizeof peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0 ||
        ntohs(peer.sin_port) != client_port) {
      continue;
    }
    int nodelay = -1;
    length = sizeof nodelay;
    if (::getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &length) == 0) return nodelay;
  }
  return std::nullopt;
}

// Nagle's algorithm on the brokers' side held answers until the client's delayed ACK (40 ms):
// every connection a mock broker accepts has it off.
TEST(MockCluster, ItsBrokersAnswerWithoutNaglesDelay) {
  auto cluster = start_cluster();
  for (const auto& broker : cluster.brokers()) {
    const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(client, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(broker.port);
    ASSERT_EQ(::inet_pton(AF_INET, broker.host.c_str(), &address.sin_addr), 1);
    ASSERT_EQ(::connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    sockaddr_in local{};
    socklen_t length = sizeof local;
    ASSERT_EQ(::getsockname(client, reinterpret_cast<sockaddr*>(&local), &length), 0);
    std::optional<int> nodelay;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!(nodelay = accepted_nodelay(broker.port, ntohs(local.sin_port))) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // poll for the mock's accept()
    }
    ::close(client);
    ASSERT_TRUE(nodelay.has_value()) << "broker " << broker.to_string() << " accepted nothing";
    EXPECT_EQ(*nodelay, 1) << "broker " << broker.to_string();
  }
}

TEST(MockCluster, RefusesToStartWithoutBrokers) {
  const auto cluster = MockCluster::start(0);
  ASSERT_FALSE(cluster.ok());
  EXPECT_EQ(cluster.error().code, "MOCK_CLUSTER_FAILED");
}

TEST(MockCluster, RefusesToCreateATopicTwice) {
  auto cluster = start_cluster();
  ASSERT_TRUE(cluster.create_topic("aarhus.case.v1", 3).ok());
  const auto again = cluster.create_topic("aarhus.case.v1", 3);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "TOPIC_EXISTS");
}

TEST(MockCluster, KeepsWorkingAfterAMove) {
  auto first = start_cluster();
  MockCluster moved = std::move(first);
  EXPECT_TRUE(moved.create_topic("aarhus.audit.v1", 1).ok());
  EXPECT_EQ(moved.brokers().size(), 3U);
}

TEST(MockCluster, ABrokerThatIsDownAnswersNoRequestUntilItIsUpAgain) {
  auto started = MockCluster::start(1);
  ASSERT_TRUE(started.ok()) << started.error().message;
  auto& cluster = *started;
  ASSERT_TRUE(cluster.create_topic("aarhus.case.v1", 2).ok());
  auto admin = admin_of(cluster);
  ASSERT_TRUE(admin.list_topics(deadline_in(5s)).ok());

  ASSERT_TRUE(cluster.set_broker_down(1).ok());
  const auto while_down = admin.list_topics(deadline_in(500ms));
  ASSERT_FALSE(while_down.ok());
  EXPECT_TRUE(while_down.error().code == errc::kTimedOut ||
              while_down.error().code == errc::kBrokerUnreachable)
      << while_down.error().code;

  ASSERT_TRUE(cluster.set_broker_up(1).ok());
  const auto after = admin.list_topics(deadline_in(10s));
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(*after, (std::vector<TopicDescription>{{"aarhus.case.v1", 2}}));
}

TEST(MockCluster, ReportsFaultsAskedOfABrokerItDoesNotHave) {
  auto cluster = start_cluster();
  EXPECT_EQ(code_of(cluster.set_broker_down(42)), errc::kKafkaError);
  EXPECT_EQ(code_of(cluster.set_broker_up(42)), errc::kKafkaError);
  EXPECT_EQ(code_of(cluster.delay_next_requests(42, kafka_protocol::kProduceRequest, 1, 10ms)),
            errc::kKafkaError);
}

}  // namespace
}  // namespace samsag::kafka
