// Producer: an idempotent Kafka producer (acks=all, murmur2_random partitioner) for adapters and
// anything else that writes records without transactions. Every produce() returns a Delivery to
// wait on; a source record is acknowledged only after its Delivery succeeded (DESIGN.md
// "Delivery and state"). Thread-safe: produce() may be called from several threads.
#pragma once

#include <memory>
#include <string>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/delivery.h"
#include "core/kafka/record.h"
#include "core/kafka/settings.h"

namespace samsag::kafka {

namespace detail {
class DeliveryState;
class ProducerCore;
}  // namespace detail

// Records produced together and confirmed together: an adapter's batch waits for one
// DeliveryGroup instead of a Delivery per record. Used from one thread at a time. A batch left
// unsealed is sealed by its destructor.
class ProducerBatch {
 public:
  ProducerBatch(ProducerBatch&& other) noexcept;
  ProducerBatch& operator=(ProducerBatch&&) = delete;
  ProducerBatch(const ProducerBatch&) = delete;
  ProducerBatch& operator=(const ProducerBatch&) = delete;
  ~ProducerBatch();

  // Queues `record` into the batch. A record that cannot be queued (QUEUE_FULL, a closed
  // producer, ...) is the group's error at once.
  void produce(const ProducerRecord& record);

  // The batch's records, to wait for. No record can be added afterwards.
  DeliveryGroup seal();

 private:
  friend class Producer;
  ProducerBatch(detail::ProducerCore& core, std::shared_ptr<detail::DeliveryState> state);
  detail::ProducerCore* core_;
  std::shared_ptr<detail::DeliveryState> state_;
};

class Producer {
 public:
  // `settings` from KafkaSettings::for_producer (anything else is a programming error and
  // throws std::invalid_argument). Error: INVALID_KAFKA_SETTINGS.
  static Result<Producer> create(const KafkaSettings& settings);
  Producer(Producer&&) noexcept;
  Producer& operator=(Producer&&) noexcept;
  // close(deadline_in(kCloseTimeout)).
  ~Producer();

  // Queues `record`. Errors show in the Delivery: at once for QUEUE_FULL (wait for earlier
  // deliveries, then retry), UNKNOWN_PARTITION, RECORD_TOO_LARGE or a closed producer; later
  // for DELIVERY_FAILED and the rest.
  Delivery produce(const ProducerRecord& record);

  // A batch to produce records into. Thread-safe, like produce(); each batch is used from one
  // thread. The producer must outlive the batch.
  ProducerBatch batch();

  // Waits until every queued record is answered. Error: TIMED_OUT.
  Status flush(Deadline deadline);

  // Flushes until `deadline`, then fails the Deliveries Kafka has not answered and stops the
  // client. Later produce() calls fail with INVALID_STATE.
  void close(Deadline deadline);

  // The number of partitions of `topic`, without creating it. Error: UNKNOWN_TOPIC, TIMED_OUT.
  Result<int> partition_count(const std::string& topic, Deadline deadline);

 private:
  explicit Producer(std::unique_ptr<detail::ProducerCore> core);
  std::unique_ptr<detail::ProducerCore> core_;
};

}  // namespace samsag::kafka
