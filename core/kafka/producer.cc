#include "core/kafka/producer.h"

#include <stdexcept>

#include "core/kafka/detail/delivery_state.h"
#include "core/kafka/detail/producer_core.h"

namespace samsag::kafka {

Result<Producer> Producer::create(const KafkaSettings& settings) {
  if (settings.role() != ClientRole::kProducer) {
    throw std::invalid_argument("Producer needs KafkaSettings::for_producer settings");
  }
  auto core = detail::ProducerCore::create(settings);
  if (!core) return core.error();
  return Producer(std::move(*core));
}

Producer::Producer(std::unique_ptr<detail::ProducerCore> core) : core_(std::move(core)) {}
Producer::Producer(Producer&&) noexcept = default;
Producer& Producer::operator=(Producer&&) noexcept = default;
Producer::~Producer() = default;

Delivery Producer::produce(const ProducerRecord& record) { return core_->produce(record); }

ProducerBatch Producer::batch() { return ProducerBatch(*core_, core_->open_group()); }

ProducerBatch::ProducerBatch(detail::ProducerCore& core,
                             std::shared_ptr<detail::DeliveryState> state)
    : core_(&core), state_(std::move(state)) {}

ProducerBatch::ProducerBatch(ProducerBatch&& other) noexcept
    : core_(other.core_), state_(std::move(other.state_)) {}

ProducerBatch::~ProducerBatch() {
  if (state_) (void)seal();
}

void ProducerBatch::produce(const ProducerRecord& record) { core_->produce_into(*state_, record); }

DeliveryGroup ProducerBatch::seal() {
  if (!state_) throw std::logic_error("ProducerBatch::seal() called twice");
  core_->seal(*state_);
  return DeliveryGroup(std::move(state_));
}

Status Producer::flush(Deadline deadline) { return core_->flush(deadline); }

void Producer::close(Deadline deadline) { core_->close(deadline); }

Result<int> Producer::partition_count(const std::string& topic, Deadline deadline) {
  return core_->partition_count(topic, deadline);
}

}  // namespace samsag::kafka
