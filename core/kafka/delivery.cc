#include "core/kafka/delivery.h"

#include "core/kafka/detail/delivery_state.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka {
namespace detail {

void DeliveryState::resolve(Result<DeliveredRecord> outcome) {
  {
    std::lock_guard lock(mutex_);
    if (outcome_) return;
    outcome_.emplace(std::move(outcome));
  }
  resolved_.notify_all();
}

Result<DeliveredRecord> DeliveryState::wait(Deadline deadline) {
  std::unique_lock lock(mutex_);
  if (!resolved_.wait_until(lock, deadline, [this] { return outcome_.has_value(); })) {
    return make_error(std::string(errc::kTimedOut),
                      "Kafka had not yet confirmed the record when the deadline passed");
  }
  return *outcome_;
}

bool DeliveryState::ready() {
  std::lock_guard lock(mutex_);
  return outcome_.has_value();
}

}  // namespace detail

Delivery::Delivery(std::shared_ptr<detail::DeliveryState> state) : state_(std::move(state)) {}

Delivery Delivery::failed(Error error) {
  auto state = std::make_shared<detail::DeliveryState>();
  state->resolve(std::move(error));
  return Delivery(std::move(state));
}

Result<DeliveredRecord> Delivery::wait(Deadline deadline) const { return state_->wait(deadline); }

bool Delivery::ready() const { return state_->ready(); }

}  // namespace samsag::kafka
