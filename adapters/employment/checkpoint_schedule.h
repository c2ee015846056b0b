// When the spool source checkpoints, now that several batches are in Kafka at once. Batches are
// confirmed oldest first, so the newest confirmed mark never passes a row Kafka has not
// confirmed; this decides how often that mark is worth a checkpoint (an fsync'd file replace).
// Less often means fewer fsyncs and more repeated rows after a crash, never a lost one.
#pragma once

#include <chrono>
#include <optional>

#include "adapters/employment/spool_directory.h"

namespace samsag::adapters::employment {

class CheckpointSchedule {
 public:
  using Clock = std::chrono::steady_clock;

  // A confirmed mark waits at most `interval` for its checkpoint while rows keep flowing.
  CheckpointSchedule(std::chrono::milliseconds interval, Clock::time_point now)
      : interval_(interval), last_commit_(now) {}

  // Kafka confirmed every row up to `mark`, and every row before it (marks arrive in order).
  void confirmed(const SpoolMark& mark) { newest_ = mark; }

  // The mark to commit now, if any: at once when it ends a file (that moves the file to
  // processed/) or when `idle` (nothing is left to read or in flight); otherwise once
  // `interval` passed since the last commit.
  std::optional<SpoolMark> due(Clock::time_point now, bool idle) const;

  // The mark due() returned was committed (or given up on: it is not offered again).
  void committed(Clock::time_point now) {
    newest_.reset();
    last_commit_ = now;
  }

  // The newest confirmed mark not yet committed, for a graceful stop.
  const std::optional<SpoolMark>& pending() const { return newest_; }

 private:
  std::chrono::milliseconds interval_;
  Clock::time_point last_commit_;
  std::optional<SpoolMark> newest_;
};

}  // namespace samsag::adapters::employment
