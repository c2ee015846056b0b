// Waits for Kafka's acknowledgements off the io threads: a handler hands over a Delivery, a
// deadline and what to do with the outcome, and returns. One thread waits for them in the order
// they came, as the adapters' HTTP intake does: records of one producer are acknowledged roughly
// in that order, so waiting in order costs nothing while Kafka is healthy; while it is not, every
// waiter still gets its answer by its own deadline, later ones at most as late as earlier ones.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/delivery.h"

namespace samsag::bridge::api {

using Acknowledged = std::function<void(const Result<kafka::DeliveredRecord>&)>;

class Acknowledgements {
 public:
  Acknowledgements();
  // Waits for everything handed over (each up to its deadline) before the thread ends.
  ~Acknowledgements();
  Acknowledgements(const Acknowledgements&) = delete;
  Acknowledgements& operator=(const Acknowledgements&) = delete;

  // Calls `then` on the waiting thread with the delivery's outcome, or TIMED_OUT once `deadline`
  // passed. `then` must not block: it answers, or hands a next record over.
  void after(kafka::Delivery delivery, kafka::Deadline deadline, Acknowledged then);

 private:
  struct Waiting {
    kafka::Delivery delivery;
    kafka::Deadline deadline;
    Acknowledged then;
  };
  void run();

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Waiting> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace samsag::bridge::api
