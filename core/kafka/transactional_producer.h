// TransactionalProducer: a producer whose records (and the consumer group's offsets) become
// visible to read_committed readers all together or not at all; the bridge writes each batch
// this way on a real cluster (DESIGN.md "Delivery and state").
//
// Errors say what to do next:
//   FENCED                 another instance took over this transactional.id, or a fatal error:
//                          stop producing, drop this producer, rejoin with a new one.
//   TRANSACTION_ABORTABLE  this transaction cannot commit: abort(), then redo the batch.
//   TRANSACTION_RETRIABLE  the call did not finish in time: call it again.
// Not thread-safe for the transaction calls; produce() may come from several threads inside
// a transaction.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/consumer_group_metadata.h"
#include "core/kafka/deadline.h"
#include "core/kafka/delivery.h"
#include "core/kafka/partition.h"
#include "core/kafka/record.h"
#include "core/kafka/settings.h"

namespace samsag::kafka {

namespace detail {
class ProducerCore;
}

class TransactionalProducer {
 public:
  // `settings` from KafkaSettings::for_transactional_producer (anything else throws
  // std::invalid_argument). Error: INVALID_KAFKA_SETTINGS.
  static Result<TransactionalProducer> create(const KafkaSettings& settings);
  TransactionalProducer(TransactionalProducer&&) noexcept;
  TransactionalProducer& operator=(TransactionalProducer&&) noexcept;
  // close(deadline_in(kCloseTimeout)).
  ~TransactionalProducer();

  // Registers the transactional.id with the cluster, which fences any older producer with the
  // same id and finishes its open transaction. Once, before the first begin().
  Status init(Deadline deadline);
  Status begin();
  // As Producer::produce; only inside a transaction.
  Delivery produce(const ProducerRecord& record);
  // Commits `offsets` (the next record to read per partition) for `group` as part of this
  // transaction, instead of the consumer committing them itself.
  Status send_offsets(const ConsumerGroupMetadata& group,
                      const std::vector<PartitionOffset>& offsets, Deadline deadline);
  // Flushes the transaction's records and commits it.
  Status commit(Deadline deadline);
  // Drops the transaction's records (their Deliveries fail) and aborts it.
  Status abort(Deadline deadline);
  bool in_transaction() const { return in_transaction_; }

  // Aborts an open transaction, then closes as Producer::close does.
  void close(Deadline deadline);

  Result<int> partition_count(const std::string& topic, Deadline deadline);

 private:
  explicit TransactionalProducer(std::unique_ptr<detail::ProducerCore> core);
  Status finish(Status outcome);

  std::unique_ptr<detail::ProducerCore> core_;
  bool in_transaction_ = false;
};

}  // namespace samsag::kafka
