// MockCluster: librdkafka's in-process mock Kafka cluster (rdkafka_mock.h) as an owned object:
// N brokers on random ports of 127.0.0.1, each speaking the real Kafka wire protocol, data held
// in memory. Unit tests use it to talk to Kafka without starting a process; `samsag broker`
// (core/broker/embedded_broker.h) puts a bootstrap listener in front of it.
//
// What it does NOT implement (DESIGN.md "Two brokers in the tests"):
//   - no CreateTopics (or other admin) request: topics are made with create_topic(), in-process;
//   - unknown topics are auto-created on first produce, with 4 partitions;
//   - transactions are accepted but not enforced: no commit or abort markers, aborted records
//     reach read_committed consumers, offsets sent with a transaction are not stored;
//   - a broker taken down loses no leadership: there is no failover that means anything.
// Failures of a real broker can be injected per Kafka protocol request, and brokers taken down.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/config/host_port.h"

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

// Where the mock's own warnings and errors go. A test process logs to the process log (JSON on
// stdout) like every samsag client; `samsag broker` keeps stdout for its ready line, so there they
// go to stderr.
enum class MockClusterLog { kProcessLog, kStandardError };

class MockCluster {
 public:
  // Brokers get ids 1..brokers. Error: MOCK_CLUSTER_FAILED.
  static Result<MockCluster> start(int brokers = 3,
                                   MockClusterLog log = MockClusterLog::kProcessLog);
  MockCluster(MockCluster&&) noexcept;
  MockCluster& operator=(MockCluster&&) noexcept;
  // Closes every broker connection and frees the data. Can take up to a second (see the .cc).
  ~MockCluster();

  // "127.0.0.1:PORT,..." for bootstrap.servers.
  const std::string& bootstrap() const;
  // Where each broker listens, in broker id order (what Metadata responses advertise).
  const std::vector<config::HostPort>& brokers() const;

  // Creates a topic with replication factor min(3, brokers). Errors: TOPIC_EXISTS,
  // TOPIC_CREATE_FAILED.
  Status create_topic(const std::string& name, int partitions);

  // The next requests of kind `api_key`, to any broker, fail with `error_codes`, one each.
  void fail_next_requests(std::int16_t api_key, const std::vector<std::int16_t>& error_codes);

  // The next `count` requests of kind `api_key` to broker `broker_id` are answered after
  // `delay` (successfully). Error: KAFKA_ERROR (e.g. no such broker).
  Status delay_next_requests(std::int32_t broker_id, std::int16_t api_key, int count,
                             std::chrono::milliseconds delay);

  // Makes `broker_id` the transaction coordinator of `transactional_id`, or the group coordinator
  // of consumer group `group`; the old one answers NOT_COORDINATOR from then on.
  // Error: KAFKA_ERROR (no such broker: the mock would hand clients a coordinator it lacks).
  Status set_transaction_coordinator(const std::string& transactional_id, std::int32_t broker_id);
  Status set_group_coordinator(const std::string& group, std::int32_t broker_id);

  // Makes `broker_id` the leader of `topic` [partition]; the old leader answers
  // NOT_LEADER_FOR_PARTITION. Only topics made with create_topic(): librdkafka 2.0.2 would create
  // an unknown one here. Errors: UNKNOWN_TOPIC, UNKNOWN_PARTITION, KAFKA_ERROR (no such broker).
  Status set_partition_leader(const std::string& topic, std::int32_t partition,
                              std::int32_t broker_id);

  // Broker `broker_id` drops its connections and serves no new one until set_broker_up(); its
  // partitions keep it as their leader. Error: KAFKA_ERROR (e.g. no such broker).
  Status set_broker_down(std::int32_t broker_id);
  Status set_broker_up(std::int32_t broker_id);

 private:
  struct Impl;  // the rd_kafka_t and the rd_kafka_mock_cluster_t; keeps librdkafka out of here
  explicit MockCluster(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::kafka
