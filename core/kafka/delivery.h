// Delivery: the future result of one produced record; DeliveryGroup: of many records confirmed
// together (an adapter's batch, one counter instead of a future per record). Kafka's
// confirmation arrives on the producer's own thread; whoever holds the Delivery or group waits on
// it with a deadline. Copies share one result. Both always resolve: when the producer closes
// first they fail with DELIVERY_FAILED, so nobody waits for a record that can no longer be
// confirmed.
#pragma once

#include <cstddef>
#include <memory>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/record.h"

namespace samsag::kafka {

namespace detail {
class DeliveryState;
}

class Delivery {
 public:
  // Made by producers; `state` is resolved by the producer's delivery report.
  explicit Delivery(std::shared_ptr<detail::DeliveryState> state);
  // A Delivery that already failed (a record the producer could not even queue).
  static Delivery failed(Error error);

  // Kafka's answer, or TIMED_OUT when `deadline` passes first (the record is still pending then:
  // wait again or give up on it). Errors: QUEUE_FULL, DELIVERY_FAILED, UNKNOWN_TOPIC,
  // UNKNOWN_PARTITION, RECORD_TOO_LARGE, NOT_AUTHORIZED, FENCED, FATAL.
  Result<DeliveredRecord> wait(Deadline deadline) const;

  // True once Kafka answered (either way); wait() then returns at once.
  bool ready() const;

 private:
  std::shared_ptr<detail::DeliveryState> state_;
};

class DeliveryGroup {
 public:
  // Made by ProducerBatch::seal().
  explicit DeliveryGroup(std::shared_ptr<detail::DeliveryState> state);

  // Ok once Kafka confirmed every record of the group. The first error as soon as one record
  // failed (the others may still be written: the caller produces them again, with the same
  // keys and event ids); TIMED_OUT when `deadline` passes first. Errors as Delivery::wait().
  Status wait(Deadline deadline) const;

  // True once wait() returns at once.
  bool ready() const;

  // The number of records produced into the group.
  std::size_t size() const;

 private:
  std::shared_ptr<detail::DeliveryState> state_;
};

}  // namespace samsag::kafka
