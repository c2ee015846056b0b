// The shared slot that delivery reports fill and Delivery::wait() / DeliveryGroup::wait() read.
// One state serves one record (a Delivery) or many (a DeliveryGroup): it counts the records
// produced into it and the answers Kafka gave. Private to core/kafka.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/record.h"

namespace samsag::kafka::detail {

// Thread-safe. A state is open until seal(). It is settled (waiters return) once it is sealed and
// every record queued into it was confirmed, or at its first error. It is done (the producer may
// forget it) once it is sealed and every record was answered, either way.
class DeliveryState {
 public:
  // A single record's state keeps where Kafka stored it (Delivery::wait returns it); a group's
  // keeps only the count and the first error.
  explicit DeliveryState(bool keeps_record) : keeps_record_(keeps_record) {}

  bool keeps_record() const { return keeps_record_; }

  // One more record is about to be queued into this state (before its answer can arrive).
  void expect();
  // No more records will be queued. True when that makes the state done.
  bool seal();
  // Kafka's answer for one record: where it was stored (given only when keeps_record()), or
  // why not. True when that makes the state done.
  bool confirm(std::optional<DeliveredRecord> where);
  // Also for a record that was expected but could not be queued at all.
  bool reject(Error error);
  // Settles the state with `error` (the producer closed; no answer will come any more).
  void abandon(Error error);

  // The single record's outcome (or the first error), TIMED_OUT when `deadline` passes first.
  Result<DeliveredRecord> wait(Deadline deadline);
  // Ok once every record was confirmed; the first error as soon as there is one.
  Status wait_all(Deadline deadline);
  bool ready();
  std::size_t records();

 private:
  bool done() const { return sealed_ && answered_ == expected_; }
  bool settled() const { return error_.has_value() || done(); }
  // Counts one answer with its error (if any) under the lock; true when the state is done.
  bool count_answer(std::optional<Error> error);

  const bool keeps_record_;
  std::mutex mutex_;
  std::condition_variable settled_;
  std::size_t expected_ = 0;
  std::size_t answered_ = 0;
  bool sealed_ = false;
  std::optional<Error> error_;
  std::optional<DeliveredRecord> record_;
};

}  // namespace samsag::kafka::detail
