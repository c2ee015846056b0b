// Deadlines for blocking Kafka calls: absolute points on the steady clock, so a call that waits in
// several steps (flush, then purge, then join) cannot stretch the time its caller granted.
#pragma once

#include <chrono>

namespace samsag::kafka {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

// How long a client's destructor waits for outstanding work (deliveries, leaving the group)
// before it drops it: shutdown must finish inside systemd's and Kubernetes' stop timeouts, and
// a client must never hang its process. Call close() with your own deadline to choose.
inline constexpr std::chrono::seconds kCloseTimeout{10};

inline Deadline deadline_in(std::chrono::milliseconds from_now) { return Clock::now() + from_now; }

}  // namespace samsag::kafka
