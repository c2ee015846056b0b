// Restoring one partition of the state store from the case topic (DESIGN.md "Delivery and
// state"): on start, on assignment and after a crash, partition i of the store is brought up to
// the end of partition i of {m}.case.v1 — the latest snapshot per citizen and the latest
// checkpoint. When the store recorded the case-topic offset it had applied and that offset is
// still on the topic, only what came after it is read; otherwise the partition is rebuilt from
// the topic's beginning. The restored checkpoint says where each input resumes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "bridge/store/state_store.h"
#include "core/base/result.h"
#include "core/kafka/consumer.h"

namespace samsag::bridge {

// Error code when the caller asked the restore to stop (shutdown).
inline constexpr const char* kRestoreInterrupted = "RESTORE_INTERRUPTED";

struct RestoreReport {
  PartitionProgress progress;  // where the partition stands after the restore
  std::int64_t records_read = 0;
  bool from_scratch = false;  // the store's own copy could not be used
};

struct RestoreHooks {
  // Polled between records; true ends the restore with RESTORE_INTERRUPTED (its progress so far
  // is kept in the store, so the next restore continues from there).
  std::function<bool()> stop_requested = [] { return false; };
  // Called now and then with the records still to read.
  std::function<void(std::int64_t remaining)> on_progress = [](std::int64_t) {};
};

// Restores `partition` of `store` from `case_topic`, reading with `reader` (a consumer used in
// manual mode only; its assignment is replaced and cleared). `deadline` bounds the metadata
// calls; reading goes on as long as records arrive. Errors: the store's, TIMED_OUT,
// BROKER_UNREACHABLE, RESTORE_INTERRUPTED.
Result<RestoreReport> restore_partition(StateStore& store, kafka::Consumer& reader,
                                        const std::string& case_topic, std::int32_t partition,
                                        kafka::Deadline deadline, const RestoreHooks& hooks = {});

}  // namespace samsag::bridge
