// Shared helpers of the core/kafka unit tests: a mock cluster per test, clients on it, and
// polling with a deadline (never sleeping).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/kafka/consumer.h"
#include "core/kafka/deadline.h"
#include "core/kafka/mock_cluster.h"
#include "core/kafka/producer.h"
#include "core/kafka/settings.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::kafka::testing {

using namespace std::chrono_literals;

inline config::v1::Kafka kafka_config(const std::string& bootstrap) {
  config::v1::Kafka kafka;
  kafka.set_bootstrap(bootstrap);
  return kafka;
}

// A loopback port nothing listens on: connections are refused at once.
inline const std::string kUnreachableBootstrap = "127.0.0.1:1";

inline MockCluster start_cluster() {
  auto cluster = MockCluster::start(3);
  if (!cluster) throw std::runtime_error(cluster.error().message);
  return std::move(*cluster);
}

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

inline Producer make_producer(const config::v1::Kafka& kafka) {
  return value_or_throw(Producer::create(value_or_throw(KafkaSettings::for_producer(kafka))));
}

inline Consumer make_consumer(const config::v1::Kafka& kafka, const std::string& group) {
  return value_or_throw(
      Consumer::create(value_or_throw(KafkaSettings::for_consumer(kafka, group))));
}

// Polls until `count` messages arrived or `deadline` passed; returns what arrived.
inline std::vector<Message> consume(Consumer& consumer, std::size_t count, Deadline deadline) {
  std::vector<Message> messages;
  while (messages.size() < count && Clock::now() < deadline) {
    auto polled = consumer.poll(100ms);
    if (polled && *polled) messages.push_back(std::move(**polled));
  }
  return messages;
}

// Polls (serving callbacks) until `done()` holds or `deadline` passed; returns done().
template <typename Done>
bool poll_until(Consumer& consumer, Done done, Deadline deadline) {
  while (!done() && Clock::now() < deadline) (void)consumer.poll(50ms);
  return done();
}

}  // namespace samsag::kafka::testing
