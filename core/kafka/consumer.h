// Consumer: a Kafka consumer in a consumer group (read_committed, range assignor, offsets
// committed only by the caller), or with partitions assigned by hand. Callbacks run on the thread
// that calls poll() (and close()), so they may use this Consumer. Not thread-safe: one thread
// polls.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/consumer_group_metadata.h"
#include "core/kafka/deadline.h"
#include "core/kafka/partition.h"
#include "core/kafka/record.h"
#include "core/kafka/settings.h"

namespace samsag::kafka {

struct RebalanceCallbacks {
  // Partitions the group just gave this consumer, before reading them starts. The callback may
  // set an entry's `offset` to choose where reading starts (the bridge: right after its
  // checkpoint); left nullopt, reading resumes at the group's committed offset, or at
  // auto.offset.reset without one. Entries must not be added or removed.
  std::function<void(std::vector<PartitionOffset>& assigned)> on_assigned;
  // Partitions being taken away, before they go: finish or drop their work and commit what is
  // done. (When the group already moved on without this consumer, a commit fails.)
  std::function<void(const std::vector<TopicPartition>& revoked)> on_revoked;
};

class Consumer {
 public:
  // `settings` from KafkaSettings::for_consumer (anything else throws std::invalid_argument).
  // Error: INVALID_KAFKA_SETTINGS.
  static Result<Consumer> create(const KafkaSettings& settings);
  Consumer(Consumer&&) noexcept;
  Consumer& operator=(Consumer&&) noexcept;
  // close(deadline_in(kCloseTimeout)) WITHOUT calling the rebalance callbacks, which may refer to
  // objects already destroyed. Call close() first to have on_revoked run.
  ~Consumer();

  // Joins the group for `topics`; partitions arrive through callbacks.on_assigned during poll().
  Status subscribe(const std::vector<std::string>& topics, RebalanceCallbacks callbacks = {});
  // Manual mode: reads exactly these partitions, from each `offset` (kOffsetBeginning,
  // kOffsetEnd, or nullopt for the committed offset). Replaces any earlier assignment.
  Status assign(const std::vector<PartitionOffset>& partitions);
  Status unassign();
  Result<std::vector<TopicPartition>> assignment();

  // The next record, or nullopt when none arrived within `timeout`. Errors other than FATAL
  // are reports the consumer recovers from by itself (UNKNOWN_TOPIC for a subscribed topic
  // that does not exist yet, BROKER_UNREACHABLE, ...); FATAL means: recreate the consumer.
  Result<std::optional<Message>> poll(std::chrono::milliseconds timeout);

  // Reads `partition` (assigned to this consumer) from `offset` on.
  Status seek(const TopicPartition& partition, std::int64_t offset, Deadline deadline);
  // The group's committed offsets (nullopt where none).
  Result<std::vector<PartitionOffset>> committed(const std::vector<TopicPartition>& partitions,
                                                 Deadline deadline);
  // The offset of the next record this consumer will return per partition (nullopt before it
  // has read any).
  Result<std::vector<PartitionOffset>> position(const std::vector<TopicPartition>& partitions);
  // Asks the partition's leader; compare with position() to know whether this consumer caught up.
  Result<Watermarks> watermarks(const TopicPartition& partition, Deadline deadline);
  // The watermarks the partition's last fetch response carried, without asking the broker (for
  // gauges on a loop's path). Error INVALID_STATE while this consumer has fetched none.
  Result<Watermarks> fetched_watermarks(const TopicPartition& partition);

  // Commits `offsets` (each the next record to read) for the group and waits for the answer.
  // Every offset must be set.
  Status commit(const std::vector<PartitionOffset>& offsets);

  // For TransactionalProducer::send_offsets.
  ConsumerGroupMetadata group_metadata();

  // Hands back the partitions (on_revoked runs), leaves the group and stops. Error: TIMED_OUT
  // when leaving did not finish by `deadline`. Idempotent.
  Status close(Deadline deadline);

 private:
  class Impl;
  explicit Consumer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::kafka
