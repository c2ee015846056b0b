// The embedded development broker behind `samsag broker`: librdkafka 2.0.2's mock cluster
// (core/kafka/mock_cluster.h) plus a bootstrap listener on a fixed address. For development, tests
// and the demo; never the production default (production runs a real Apache Kafka cluster, see
// deploy/).
//
// What it is:
//   - the real Kafka wire protocol, so samsag's own librdkafka clients, kcat and other Kafka
//     clients talk to it unchanged;
//   - N brokers (3 by default) on random ports of 127.0.0.1, ids 1..N, each partition led by one;
//     they advertise those loopback addresses, so clients must run on the same machine;
//   - producer, idempotent producer, consumer groups with committed offsets, metadata;
//   - topics created here, in-process, before the ready line;
//   - data in memory only: a restart starts empty.
// What it is not:
//   - no CreateTopics (or other admin) requests: create topics with --topic or -c;
//   - unknown topics are auto-created when a client produces to them, with the mock's default of
//     4 partitions, so a misspelt topic does not fail as it would on a locked-down cluster, and
//     its partition count need not match the config's;
//   - transactions are accepted but NOT enforced: no commit or abort markers are written,
//     read_committed consumers also get aborted records, and offsets sent with a transaction
//     (SendOffsetsToTransaction) are not stored;
//   - no ACLs, no SASL or TLS, no durable log, no replication or failover that means anything.
//   - each partition keeps only its newest 5 MiB or 100,000 message sets (rdkafka_mock.c);
//     older records are dropped silently.
// What it lacks is proven on real Apache Kafka 3.9 by the tests labelled `kafka`
// (tools/kafka/cluster); tests on this broker assert nothing it does not implement.
#pragma once

#include <memory>
#include <vector>

#include "core/base/result.h"
#include "core/broker/topic_spec.h"
#include "core/config/host_port.h"

namespace samsag::kafka {
class MockCluster;
}  // namespace samsag::kafka

namespace samsag::broker {

class BootstrapForwarder;

struct EmbeddedBrokerOptions {
  config::HostPort listen{"127.0.0.1", 9092};  // the bootstrap listener; port 0 takes a free port
  int brokers = 3;
  std::vector<TopicSpec> topics;  // created before start() returns
};

// The most brokers the embedded cluster runs; a development cluster needs three.
inline constexpr int kMaxBrokers = 16;

class EmbeddedBroker {
 public:
  // Starts the brokers, creates the topics, then opens the bootstrap listener, so that a client
  // that can connect finds every topic. The same topic named twice with the same partition count
  // is created once. Errors: INVALID_OPTIONS, TOPIC_CONFLICT, MOCK_CLUSTER_FAILED,
  // TOPIC_CREATE_FAILED, LISTEN_FAILED.
  static Result<std::unique_ptr<EmbeddedBroker>> start(const EmbeddedBrokerOptions& options);
  ~EmbeddedBroker();  // closes the listener first, then the brokers
  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  // Where clients bootstrap ("bootstrap.servers").
  const config::HostPort& bootstrap() const;
  // The mock brokers' own addresses, as Metadata responses advertise them.
  const std::vector<config::HostPort>& brokers() const;
  // The topics created at start (duplicates removed).
  const std::vector<TopicSpec>& topics() const { return topics_; }
  // The mock cluster, for fault injection (fault_control.h). Thread-safe, as librdkafka's mock is.
  kafka::MockCluster& cluster() { return *cluster_; }

 private:
  EmbeddedBroker(std::unique_ptr<kafka::MockCluster> cluster,
                 std::unique_ptr<BootstrapForwarder> listener, std::vector<TopicSpec> topics);

  std::unique_ptr<kafka::MockCluster> cluster_;
  std::unique_ptr<BootstrapForwarder> listener_;  // declared after cluster_: destroyed before it
  std::vector<TopicSpec> topics_;
};

// The topics of `requested` with exact duplicates removed, in first-seen order.
// Errors: TOPIC_CONFLICT when one name comes with two partition counts.
Result<std::vector<TopicSpec>> distinct_topics(const std::vector<TopicSpec>& requested);

}  // namespace samsag::broker
