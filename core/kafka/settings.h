// The librdkafka properties of one Kafka client, built once from the municipality's config and
// checked up front: every name and value is validated by librdkafka before any client exists, and
// the properties samsag's delivery guarantees rest on are applied last, so configuration cannot
// weaken them (DESIGN.md "Events and keys", "Delivery and state").
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace samsag::config::v1 {
class Kafka;
}

namespace samsag::kafka {

enum class ClientRole { kProducer, kTransactionalProducer, kConsumer, kAdmin };

// How a producer's caller waits. kBatches: it publishes many records and waits for them together
// (a spool file's batch), so librdkafka may linger to fill larger message sets. kEachRequest: a
// caller waits on every delivery before it can answer (an HTTP adapter's 202), so a long linger
// only adds latency: samsag's default linger.ms is then 1 (0 cost about 60 % more adapter CPU per
// event in bench/adapters and was no faster).
enum class ProducerUse { kBatches, kEachRequest };

using Property = std::pair<std::string, std::string>;

class KafkaSettings {
 public:
  // Idempotent producer: enable.idempotence=true, acks=all, partitioner=murmur2_random.
  // samsag defaults, which kafka.properties may override: socket.nagle.disable=true (a produce
  // request's tail must not wait for the broker's delayed ACK) and, for kEachRequest,
  // linger.ms=1.
  static Result<KafkaSettings> for_producer(const config::v1::Kafka& kafka,
                                            ProducerUse use = ProducerUse::kBatches);
  // The producer's settings plus transactional.id.
  static Result<KafkaSettings> for_transactional_producer(const config::v1::Kafka& kafka,
                                                          const std::string& transactional_id);
  // Group consumer: isolation.level=read_committed, partition.assignment.strategy=range, no
  // automatic commits or offset stores. A new group starts at the earliest offset (configurable),
  // because on an integration bus skipping history loses citizens' events.
  static Result<KafkaSettings> for_consumer(const config::v1::Kafka& kafka,
                                            const std::string& group_id);
  // Metadata and (later) topic administration: the connection properties only.
  static Result<KafkaSettings> for_admin(const config::v1::Kafka& kafka);

  // Adds or replaces one property of this client (client.id, a test's queue size). Validated now.
  // samsag's required properties still win over it. Error: INVALID_KAFKA_SETTINGS.
  Status set(const std::string& name, const std::string& value);

  ClientRole role() const { return role_; }

  // Every property in the order it is applied: samsag's defaults, the config's pass-through
  // properties, typed config fields and set(), then samsag's required properties.
  std::vector<Property> properties() const;

  // The value the client will run with, after librdkafka's aliases (acks =
  // request.required.acks) and samsag's overrides; nullopt for an unknown name.
  std::optional<std::string> effective(const std::string& name) const;

  // Names of required properties that the configuration tried to set differently; samsag
  // replaced them. For a start-up warning, so an operator sees the setting had no effect.
  std::vector<std::string> overridden() const;

 private:
  KafkaSettings(ClientRole role, std::vector<Property> configured, std::vector<Property> required)
      : role_(role), configured_(std::move(configured)), required_(std::move(required)) {}

  static Result<KafkaSettings> build(ClientRole role, const config::v1::Kafka& kafka,
                                     std::vector<Property> defaults,
                                     std::vector<Property> required);

  ClientRole role_;
  std::vector<Property> configured_;
  std::vector<Property> required_;
};

}  // namespace samsag::kafka
