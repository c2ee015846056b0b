// The embedded broker in-process: the mock cluster behind its bootstrap listener. What kcat sees
// of it is tested in tests/integration/broker.
#include "core/broker/embedded_broker.h"

#include <gtest/gtest.h>

#include <array>
#include <set>

#include "tests/unit/core/broker/loopback_socket.h"

namespace samsag::broker {
namespace {

using std::chrono::seconds;
using testing::LoopbackSocket;

std::unique_ptr<EmbeddedBroker> start_broker(EmbeddedBrokerOptions options) {
  auto broker = EmbeddedBroker::start(options);
  if (!broker.ok()) {
    ADD_FAILURE() << broker.error().code << ": " << broker.error().message;
    return nullptr;
  }
  return std::move(broker).value();
}

EmbeddedBrokerOptions on_free_port() {
  EmbeddedBrokerOptions options;
  options.listen = {"127.0.0.1", 0};
  return options;
}

TEST(EmbeddedBroker, RunsThreeBrokersOnDistinctLoopbackPortsByDefault) {
  const auto broker = start_broker(on_free_port());
  ASSERT_NE(broker, nullptr);
  ASSERT_EQ(broker->brokers().size(), 3u);
  std::set<std::uint16_t> ports;
  for (const auto& address : broker->brokers()) {
    EXPECT_EQ(address.host, "127.0.0.1");
    ports.insert(address.port);
  }
  ports.insert(broker->bootstrap().port);
  EXPECT_EQ(ports.size(), 4u) << "the bootstrap and the brokers share a port";
}

TEST(EmbeddedBroker, AnswersAKafkaApiVersionsRequestThroughItsBootstrap) {
  const auto broker = start_broker(on_free_port());
  ASSERT_NE(broker, nullptr);
  const auto client = LoopbackSocket::connect(broker->bootstrap().port);
  ASSERT_TRUE(client.valid());

  // ApiVersions v0 (api key 18), correlation id 0x2a, client id "test": the first request every
  // Kafka client sends.
  const std::array<unsigned char, 18> request{0, 0, 0,  14, 0, 18,  0,   0,   0,
                                              0, 0, 42, 0,  4, 't', 'e', 's', 't'};
  ASSERT_TRUE(client.send(std::string(request.begin(), request.end())));
  const auto size = client.receive(4, seconds(5));
  ASSERT_TRUE(size.has_value());
  const auto length =
      (static_cast<unsigned char>((*size)[2]) << 8) | static_cast<unsigned char>((*size)[3]);
  const auto response = client.receive(static_cast<std::size_t>(length), seconds(5));
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->substr(0, 4), std::string("\0\0\0\x2a", 4)) << "correlation id";
  EXPECT_EQ(response->substr(4, 2), std::string("\0\0", 2)) << "error code";
}

TEST(EmbeddedBroker, CreatesEachRequestedTopicOnce) {
  auto options = on_free_port();
  options.topics = {{"aarhus.case.v1", 6}, {"aarhus.audit.v1", 1}, {"aarhus.case.v1", 6}};
  const auto broker = start_broker(options);
  ASSERT_NE(broker, nullptr);
  EXPECT_EQ(broker->topics(),
            (std::vector<TopicSpec>{{"aarhus.case.v1", 6}, {"aarhus.audit.v1", 1}}));
}

TEST(EmbeddedBroker, RunsTheRequestedNumberOfBrokers) {
  auto options = on_free_port();
  options.brokers = 1;
  const auto broker = start_broker(options);
  ASSERT_NE(broker, nullptr);
  EXPECT_EQ(broker->brokers().size(), 1u);
}

TEST(EmbeddedBroker, RejectsZeroBrokers) {
  auto options = on_free_port();
  options.brokers = 0;
  const auto broker = EmbeddedBroker::start(options);
  ASSERT_FALSE(broker.ok());
  EXPECT_EQ(broker.error().code, "INVALID_OPTIONS");
}

TEST(EmbeddedBroker, RejectsOneTopicWithTwoPartitionCounts) {
  auto options = on_free_port();
  options.topics = {{"t", 1}, {"t", 2}};
  const auto broker = EmbeddedBroker::start(options);
  ASSERT_FALSE(broker.ok());
  EXPECT_EQ(broker.error().code, "TOPIC_CONFLICT");
}

TEST(EmbeddedBroker, RejectsAnInvalidTopicName) {
  auto options = on_free_port();
  options.topics = {{"no spaces", 1}};
  const auto broker = EmbeddedBroker::start(options);
  ASSERT_FALSE(broker.ok());
  EXPECT_EQ(broker.error().code, "INVALID_TOPIC_NAME");
}

TEST(EmbeddedBroker, ReportsAListenPortInUse) {
  const auto taken = LoopbackSocket::listen();
  auto options = on_free_port();
  options.listen.port = taken.port();
  const auto broker = EmbeddedBroker::start(options);
  ASSERT_FALSE(broker.ok());
  EXPECT_EQ(broker.error().code, "LISTEN_FAILED");
}

}  // namespace
}  // namespace samsag::broker
