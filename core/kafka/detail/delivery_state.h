// The shared slot that a delivery report fills and Delivery::wait() reads. Private to core/kafka.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/record.h"

namespace samsag::kafka::detail {

// Thread-safe; the first resolve() wins, later ones are ignored.
class DeliveryState {
 public:
  void resolve(Result<DeliveredRecord> outcome);
  Result<DeliveredRecord> wait(Deadline deadline);
  bool ready();

 private:
  std::mutex mutex_;
  std::condition_variable resolved_;
  std::optional<Result<DeliveredRecord>> outcome_;
};

}  // namespace samsag::kafka::detail
