// MockCluster: librdkafka's in-process mock Kafka cluster, for unit tests of code that talks to
// Kafka without starting a process. Real Kafka wire protocol on loopback ports; topics are
// auto-created on first produce (4 partitions) unless created here first. Like the embedded
// broker it does NOT enforce transactions: no commit or abort markers, aborted records reach
// read_committed consumers, offsets sent with a transaction are not stored (DESIGN.md "Two
// brokers in the tests"). Failures of a real broker can be injected per Kafka protocol request.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace samsag::kafka {

// Request and error numbers of the Kafka protocol (kafka.apache.org/protocol), for injection.
namespace kafka_protocol {
inline constexpr std::int16_t kProduceRequest = 0;
inline constexpr std::int16_t kFetchRequest = 1;
inline constexpr std::int16_t kMetadataRequest = 3;
inline constexpr std::int16_t kOffsetCommitRequest = 8;
inline constexpr std::int16_t kInitProducerIdRequest = 22;
inline constexpr std::int16_t kAddPartitionsToTxnRequest = 24;
inline constexpr std::int16_t kEndTxnRequest = 26;

inline constexpr std::int16_t kTopicAuthorizationFailed = 29;
inline constexpr std::int16_t kNotEnoughReplicas = 19;
inline constexpr std::int16_t kInvalidProducerEpoch = 47;
inline constexpr std::int16_t kProducerFenced = 90;
}  // namespace kafka_protocol

class MockCluster {
 public:
  // Brokers get ids 1..brokers. Error: KAFKA_ERROR when librdkafka cannot start it.
  static Result<MockCluster> start(int brokers = 3);
  MockCluster(MockCluster&&) noexcept;
  MockCluster& operator=(MockCluster&&) noexcept;
  ~MockCluster();

  // "127.0.0.1:PORT,..." for bootstrap.servers.
  const std::string& bootstrap() const;

  Status create_topic(const std::string& name, int partitions);

  // The next requests of kind `api_key`, to any broker, fail with `error_codes`, one each.
  void fail_next_requests(std::int16_t api_key, const std::vector<std::int16_t>& error_codes);

  // The next `count` requests of kind `api_key` to broker `broker_id` are answered after
  // `delay` (successfully).
  Status delay_next_requests(std::int32_t broker_id, std::int16_t api_key, int count,
                             std::chrono::milliseconds delay);

  // Makes `broker_id` the transaction coordinator of `transactional_id`.
  Status set_transaction_coordinator(const std::string& transactional_id, std::int32_t broker_id);

 private:
  struct Impl;
  explicit MockCluster(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::kafka
