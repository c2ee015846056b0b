#include "core/kafka/transactional_producer.h"

#include <stdexcept>

#include "core/kafka/detail/errors.h"
#include "core/kafka/detail/group_metadata.h"
#include "core/kafka/detail/partition_list.h"
#include "core/kafka/detail/producer_core.h"
#include "core/kafka/detail/timeouts.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka {
namespace {

// librdkafka's transactional calls return an owned error object, or null on success.
Status outcome_of(RdKafka::Error* raw, const std::string& what) {
  std::unique_ptr<RdKafka::Error> error(raw);
  if (!error) return ok_status();
  return detail::transaction_error_from(*error, what);
}

}  // namespace

Result<TransactionalProducer> TransactionalProducer::create(const KafkaSettings& settings) {
  if (settings.role() != ClientRole::kTransactionalProducer) {
    throw std::invalid_argument(
        "TransactionalProducer needs KafkaSettings::for_transactional_producer settings");
  }
  auto core = detail::ProducerCore::create(settings);
  if (!core) return core.error();
  return TransactionalProducer(std::move(*core));
}

TransactionalProducer::TransactionalProducer(std::unique_ptr<detail::ProducerCore> core)
    : core_(std::move(core)) {}
TransactionalProducer::TransactionalProducer(TransactionalProducer&&) noexcept = default;
TransactionalProducer& TransactionalProducer::operator=(TransactionalProducer&&) noexcept = default;

TransactionalProducer::~TransactionalProducer() {
  if (core_) close(deadline_in(kCloseTimeout));
}

Status TransactionalProducer::init(Deadline deadline) {
  return outcome_of(core_->handle().init_transactions(detail::remaining_ms(deadline)),
                    "initialising the transactional producer");
}

Status TransactionalProducer::begin() {
  auto status = outcome_of(core_->handle().begin_transaction(), "beginning a transaction");
  if (status) in_transaction_ = true;
  return status;
}

Delivery TransactionalProducer::produce(const ProducerRecord& record) {
  return core_->produce(record);
}

Status TransactionalProducer::send_offsets(const ConsumerGroupMetadata& group,
                                           const std::vector<PartitionOffset>& offsets,
                                           Deadline deadline) {
  for (const auto& offset : offsets) {
    if (!offset.offset) {
      return make_error(std::string(errc::kInvalidState),
                        "an offset sent with a transaction must be set (topic " + offset.topic +
                            " partition " + std::to_string(offset.partition) + ")");
    }
  }
  detail::PartitionList list(offsets);
  return outcome_of(core_->handle().send_offsets_to_transaction(
                        list.get(), group.impl().metadata.get(), detail::remaining_ms(deadline)),
                    "sending the consumer group's offsets with the transaction");
}

Status TransactionalProducer::commit(Deadline deadline) {
  return finish(outcome_of(core_->handle().commit_transaction(detail::remaining_ms(deadline)),
                           "committing the transaction"));
}

Status TransactionalProducer::abort(Deadline deadline) {
  return finish(outcome_of(core_->handle().abort_transaction(detail::remaining_ms(deadline)),
                           "aborting the transaction"));
}

// A transaction ends when commit or abort succeeded; after a retriable or abortable error it is
// still open and the caller must finish it.
Status TransactionalProducer::finish(Status outcome) {
  if (outcome) in_transaction_ = false;
  return outcome;
}

void TransactionalProducer::close(Deadline deadline) {
  if (in_transaction_ && !core_->closed() && !core_->fatal_error()) {
    // Leaving it open would make read_committed readers of its partitions wait until the
    // broker's transaction timeout aborts it.
    (void)abort(deadline);
  }
  core_->close(deadline);
}

Result<int> TransactionalProducer::partition_count(const std::string& topic, Deadline deadline) {
  return core_->partition_count(topic, deadline);
}

}  // namespace samsag::kafka
