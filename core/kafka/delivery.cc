#include "core/kafka/delivery.h"

#include "core/kafka/detail/delivery_state.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka {
namespace detail {

void DeliveryState::expect() {
  std::lock_guard lock(mutex_);
  ++expected_;
}

bool DeliveryState::seal() {
  bool now_done = false;
  {
    std::lock_guard lock(mutex_);
    sealed_ = true;
    now_done = done();
  }
  if (now_done) settled_.notify_all();
  return now_done;
}

bool DeliveryState::count_answer(std::optional<Error> error) {
  bool now_done = false;
  bool now_settled = false;
  {
    std::lock_guard lock(mutex_);
    const bool was_settled = settled();
    ++answered_;
    if (error && !error_) error_ = std::move(error);
    now_done = done();
    now_settled = !was_settled && settled();
  }
  if (now_settled) settled_.notify_all();
  return now_done;
}

bool DeliveryState::confirm(std::optional<DeliveredRecord> where) {
  if (where) {
    std::lock_guard lock(mutex_);
    record_ = std::move(where);
  }
  return count_answer(std::nullopt);
}

bool DeliveryState::reject(Error error) { return count_answer(std::move(error)); }

void DeliveryState::abandon(Error error) {
  {
    std::lock_guard lock(mutex_);
    if (settled()) return;
    error_ = std::move(error);
  }
  settled_.notify_all();
}

Result<DeliveredRecord> DeliveryState::wait(Deadline deadline) {
  std::unique_lock lock(mutex_);
  if (!settled_.wait_until(lock, deadline, [this] { return settled(); })) {
    return make_error(std::string(errc::kTimedOut),
                      "Kafka had not yet confirmed the record when the deadline passed");
  }
  if (error_) return *error_;
  return record_.value_or(DeliveredRecord{});
}

Status DeliveryState::wait_all(Deadline deadline) {
  std::unique_lock lock(mutex_);
  if (!settled_.wait_until(lock, deadline, [this] { return settled(); })) {
    return make_error(std::string(errc::kTimedOut),
                      "Kafka had not yet confirmed " + std::to_string(expected_ - answered_) +
                          " of " + std::to_string(expected_) + " records when the deadline passed");
  }
  if (error_) return *error_;
  return ok_status();
}

bool DeliveryState::ready() {
  std::lock_guard lock(mutex_);
  return settled();
}

std::size_t DeliveryState::records() {
  std::lock_guard lock(mutex_);
  return expected_;
}

}  // namespace detail

Delivery::Delivery(std::shared_ptr<detail::DeliveryState> state) : state_(std::move(state)) {}

Delivery Delivery::failed(Error error) {
  auto state = std::make_shared<detail::DeliveryState>(/*keeps_record=*/true);
  state->abandon(std::move(error));
  return Delivery(std::move(state));
}

Result<DeliveredRecord> Delivery::wait(Deadline deadline) const { return state_->wait(deadline); }

bool Delivery::ready() const { return state_->ready(); }

DeliveryGroup::DeliveryGroup(std::shared_ptr<detail::DeliveryState> state)
    : state_(std::move(state)) {}

Status DeliveryGroup::wait(Deadline deadline) const { return state_->wait_all(deadline); }

bool DeliveryGroup::ready() const { return state_->ready(); }

std::size_t DeliveryGroup::size() const { return state_->records(); }

}  // namespace samsag::kafka
