// Whether the bridge may be sent traffic (/readyz): it has joined its consumer group, restored
// every partition it owns from the case topic, and caught up with the input end offsets it saw
// when each partition was restored. Written by the loop's thread, read by any other; mirrored
// into the process's runtime::Readiness as the conditions "assigned", "restored", "caught_up".
#pragma once

#include <atomic>

#include "core/runtime/readiness.h"

namespace samsag::bridge {

struct BridgeReadiness {
  bool joined = false;     // the group gave this instance its partitions (possibly none)
  bool restored = false;   // every owned partition is restored from the case topic
  bool caught_up = false;  // every owned partition applied its inputs up to their end at restore

  bool ready() const { return joined && restored && caught_up; }
};

class ReadinessState {
 public:
  // `process` (may be null) must outlive this object.
  explicit ReadinessState(runtime::Readiness* process = nullptr) : process_(process) {
    if (process_) {
      for (const char* condition : {kAssigned, kRestored, kCaughtUp}) process_->require(condition);
    }
  }

  BridgeReadiness get() const { return {joined_.load(), restored_.load(), caught_up_.load()}; }

  void set(const BridgeReadiness& readiness) {
    joined_ = readiness.joined;
    restored_ = readiness.restored;
    caught_up_ = readiness.caught_up;
    if (process_) {
      process_->set(kAssigned, readiness.joined);
      process_->set(kRestored, readiness.restored);
      process_->set(kCaughtUp, readiness.caught_up);
    }
  }

 private:
  static constexpr const char* kAssigned = "assigned";
  static constexpr const char* kRestored = "restored";
  static constexpr const char* kCaughtUp = "caught_up";

  runtime::Readiness* process_;
  std::atomic<bool> joined_{false};
  std::atomic<bool> restored_{false};
  std::atomic<bool> caught_up_{false};
};

}  // namespace samsag::bridge
