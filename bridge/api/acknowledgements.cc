#include "bridge/api/acknowledgements.h"

#include <utility>

#include "core/log/log.h"

namespace samsag::bridge::api {

Acknowledgements::Acknowledgements() : thread_([this] { run(); }) {}

Acknowledgements::~Acknowledgements() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void Acknowledgements::after(kafka::Delivery delivery, kafka::Deadline deadline,
                             Acknowledged then) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(Waiting{std::move(delivery), deadline, std::move(then)});
  }
  changed_.notify_all();
}

void Acknowledgements::run() {
  for (;;) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    Waiting waiting = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    const auto outcome = waiting.delivery.wait(waiting.deadline);
    try {
      waiting.then(outcome);
    } catch (const std::exception& e) {
      // The responder answers 500 when its last copy goes; the thread must go on for the others.
      log::error("an acknowledgement handler failed", {{"error", e.what()}});
    }
  }
}

}  // namespace samsag::bridge::api
