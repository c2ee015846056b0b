// From samsag's deadlines to librdkafka's int millisecond timeouts. Private to core/kafka.
#pragma once

#include <algorithm>
#include <chrono>
#include <climits>

#include "core/kafka/deadline.h"

namespace samsag::kafka::detail {

// Whole milliseconds left until `deadline`, rounded up, never negative.
inline int remaining_ms(Deadline deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, INT_MAX));
}

inline int to_ms(std::chrono::milliseconds timeout) {
  return static_cast<int>(std::clamp<long long>(timeout.count(), 0, INT_MAX));
}

}  // namespace samsag::kafka::detail
