// The bridge's metrics (issue 5, "Operations"), declared next to the loop that counts them.
// Labels are bounded: sector, outcome, reason code, topic, partition number. Never a citizen.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "bridge/loop/case_batch.h"

namespace samsag::bridge {

class BridgeMetrics {
 public:
  BridgeMetrics();

  // One consumed record and what the reducer (or validation) made of it.
  void count(const RecordVerdict& verdict);
  // A round of batches written (or failed): a Kafka transaction with kafka.transactions,
  // otherwise the snapshots-then-checkpoint write.
  void round_finished(bool committed, std::chrono::steady_clock::duration took);
  // Snapshot confirmed minus the event's recorded_at.
  void end_to_end(double seconds);
  void consumer_lag(const std::string& topic, std::int32_t partition, std::int64_t records);
  void forget_partition(const std::string& topic, std::int32_t partition);
  void restore_remaining(std::int32_t partition, std::int64_t records);
  void restored(std::int64_t records, bool from_scratch);
  void consent_wait_expired();
  void session_restarted(const std::string& reason_code);

  prometheus::Gauge& cases_held() { return *cases_held_; }
  prometheus::Gauge& state_size() { return *state_size_; }
  prometheus::Gauge& partitions_assigned() { return *partitions_assigned_; }
  prometheus::Gauge& partitions_restoring() { return *partitions_restoring_; }

 private:
  prometheus::Gauge* cases_held_;
  prometheus::Gauge* state_size_;
  prometheus::Gauge* partitions_assigned_;
  prometheus::Gauge* partitions_restoring_;
  prometheus::Histogram* end_to_end_;
};

}  // namespace samsag::bridge
