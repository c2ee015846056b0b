#include "core/broker/bootstrap_forwarder.h"

#include <gtest/gtest.h>

#include <thread>

#include "tests/unit/core/broker/loopback_socket.h"

namespace samsag::broker {
namespace {

using std::chrono::seconds;
using testing::LoopbackSocket;

constexpr seconds kDeadline{5};

std::unique_ptr<BootstrapForwarder> forwarder_to(
    const std::vector<const LoopbackSocket*>& brokers) {
  std::vector<config::HostPort> targets;
  for (const auto* broker : brokers) {
    targets.push_back({"127.0.0.1", broker->port()});
  }
  auto forwarder = BootstrapForwarder::start({"127.0.0.1", 0}, targets);
  if (!forwarder.ok()) {
    ADD_FAILURE() << forwarder.error().message;
    return nullptr;
  }
  return std::move(forwarder).value();
}

// A client connected through the forwarder and the broker-side end of the same connection.
struct RelayedConnection {
  LoopbackSocket client;
  LoopbackSocket broker;
};

RelayedConnection connect_through(const BootstrapForwarder& forwarder,
                                  const LoopbackSocket& broker_listener) {
  RelayedConnection connection;
  connection.client = LoopbackSocket::connect(forwarder.listening_on().port);
  EXPECT_TRUE(connection.client.valid());
  auto accepted = broker_listener.accept(kDeadline);
  EXPECT_TRUE(accepted.has_value()) << "the forwarder did not connect to the broker";
  if (accepted) {
    connection.broker = std::move(*accepted);
  }
  return connection;
}

TEST(BootstrapForwarder, TakesAFreePortWhenAskedForPortZero) {
  const auto broker = LoopbackSocket::listen();
  const auto forwarder = forwarder_to({&broker});
  ASSERT_NE(forwarder, nullptr);
  EXPECT_NE(forwarder->listening_on().port, 0);
  EXPECT_EQ(forwarder->listening_on().host, "127.0.0.1");
}

TEST(BootstrapForwarder, RelaysBytesBothWays) {
  const auto broker = LoopbackSocket::listen();
  const auto forwarder = forwarder_to({&broker});
  ASSERT_NE(forwarder, nullptr);
  const auto connection = connect_through(*forwarder, broker);

  ASSERT_TRUE(connection.client.send("metadata request"));
  EXPECT_EQ(connection.broker.receive(16, kDeadline), "metadata request");
  ASSERT_TRUE(connection.broker.send("metadata response"));
  EXPECT_EQ(connection.client.receive(17, kDeadline), "metadata response");
}

TEST(BootstrapForwarder, RelaysALargeResponseIntact) {
  const auto broker = LoopbackSocket::listen();
  const auto forwarder = forwarder_to({&broker});
  ASSERT_NE(forwarder, nullptr);
  const auto connection = connect_through(*forwarder, broker);

  std::string response(3 * 1024 * 1024 + 7, '\0');
  for (std::size_t i = 0; i < response.size(); ++i) {
    response[i] = static_cast<char>(i * 31 % 251);
  }
  // Sent while the client reads, so neither side's socket buffer has to hold all of it.
  std::thread sender([&] { EXPECT_TRUE(connection.broker.send(response)); });
  const auto received = connection.client.receive(response.size(), kDeadline);
  sender.join();
  ASSERT_TRUE(received.has_value());
  EXPECT_TRUE(*received == response) << "the relayed bytes differ";
}

TEST(BootstrapForwarder, PassesTheClientsHalfCloseOnAndKeepsTheOtherDirection) {
  const auto broker = LoopbackSocket::listen();
  const auto forwarder = forwarder_to({&broker});
  ASSERT_NE(forwarder, nullptr);
  const auto connection = connect_through(*forwarder, broker);

  connection.client.shutdown_sending();
  EXPECT_TRUE(connection.broker.closed_by_peer(kDeadline));
  ASSERT_TRUE(connection.broker.send("late answer"));
  EXPECT_EQ(connection.client.receive(11, kDeadline), "late answer");
}

TEST(BootstrapForwarder, ClosesTheClientWhenTheBrokerCloses) {
  const auto broker = LoopbackSocket::listen();
  const auto forwarder = forwarder_to({&broker});
  ASSERT_NE(forwarder, nullptr);
  auto connection = connect_through(*forwarder, broker);

  connection.broker = LoopbackSocket();
  EXPECT_TRUE(connection.client.closed_by_peer(kDeadline));
}

TEST(BootstrapForwarder, ClosesTheClientWhenNoBrokerAccepts) {
  std::uint16_t closed_port = 0;
  {
    const auto gone = LoopbackSocket::listen();
    closed_port = gone.port();
  }
  auto forwarder = BootstrapForwarder::start({"127.0.0.1", 0}, {{"127.0.0.1", closed_port}});
  ASSERT_TRUE(forwarder.ok()) << forwarder.error().message;

  const auto client = LoopbackSocket::connect((*forwarder)->listening_on().port);
  ASSERT_TRUE(client.valid());
  EXPECT_TRUE(client.closed_by_peer(kDeadline));
}

TEST(BootstrapForwarder, SkipsABrokerThatRefuses) {
  std::uint16_t closed_port = 0;
  {
    const auto gone = LoopbackSocket::listen();
    closed_port = gone.port();
  }
  const auto broker = LoopbackSocket::listen();
  auto forwarder = BootstrapForwarder::start(
      {"127.0.0.1", 0}, {{"127.0.0.1", closed_port}, {"127.0.0.1", broker.port()}});
  ASSERT_TRUE(forwarder.ok()) << forwarder.error().message;

  // The first connection starts at the refusing broker, the second at the live one: both land.
  const auto first = LoopbackSocket::connect((*forwarder)->listening_on().port);
  EXPECT_TRUE(broker.accept(kDeadline).has_value());
  const auto second = LoopbackSocket::connect((*forwarder)->listening_on().port);
  EXPECT_TRUE(broker.accept(kDeadline).has_value());
}

TEST(BootstrapForwarder, SpreadsConnectionsOverTheBrokers) {
  const auto broker_a = LoopbackSocket::listen();
  const auto broker_b = LoopbackSocket::listen();
  const auto forwarder = forwarder_to({&broker_a, &broker_b});
  ASSERT_NE(forwarder, nullptr);

  const auto first = LoopbackSocket::connect(forwarder->listening_on().port);
  const auto second = LoopbackSocket::connect(forwarder->listening_on().port);
  EXPECT_TRUE(broker_a.accept(kDeadline).has_value());
  EXPECT_TRUE(broker_b.accept(kDeadline).has_value());
}

TEST(BootstrapForwarder, ClosesEveryConnectionWhenDestroyed) {
  const auto broker = LoopbackSocket::listen();
  auto forwarder = forwarder_to({&broker});
  ASSERT_NE(forwarder, nullptr);
  const auto connection = connect_through(*forwarder, broker);
  const auto port = forwarder->listening_on().port;

  forwarder.reset();
  EXPECT_TRUE(connection.client.closed_by_peer(kDeadline));
  EXPECT_TRUE(connection.broker.closed_by_peer(kDeadline));
  EXPECT_FALSE(LoopbackSocket::connect(port).valid()) << "still listening";
}

TEST(BootstrapForwarder, ReportsAPortInUse) {
  const auto taken = LoopbackSocket::listen();
  const auto broker = LoopbackSocket::listen();
  const auto forwarder =
      BootstrapForwarder::start({"127.0.0.1", taken.port()}, {{"127.0.0.1", broker.port()}});
  ASSERT_FALSE(forwarder.ok());
  EXPECT_EQ(forwarder.error().code, "LISTEN_FAILED");
  EXPECT_NE(forwarder.error().message.find(std::to_string(taken.port())), std::string::npos);
}

TEST(BootstrapForwarder, RefusesToStartWithoutBrokers) {
  const auto forwarder = BootstrapForwarder::start({"127.0.0.1", 0}, {});
  ASSERT_FALSE(forwarder.ok());
  EXPECT_EQ(forwarder.error().code, "INVALID_ENDPOINT");
}

}  // namespace
}  // namespace samsag::broker
