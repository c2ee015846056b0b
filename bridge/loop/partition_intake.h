// The records of one partition that the bridge has consumed but not yet applied, and the
// consent-first rule that decides when they may be applied (bridge/README.md "Consent first"):
// before sector and plan records are applied, partition i of the consent topic is read up to
// the end offset it had when those records were already consumed, and its decisions go first.
//
// Pure bookkeeping, no Kafka calls: the loop hands in consumed records, the consent partition's
// watermarks and the consumer's position, and takes out batches.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bridge/loop/input_offsets.h"
#include "core/kafka/partition.h"
#include "core/kafka/record.h"

namespace samsag::bridge {

class PartitionIntake {
 public:
  using Clock = std::chrono::steady_clock;

  struct Limits {
    // Sector and plan records held before a topic's records are dropped and read again later
    // (memory stays bounded while a long consent backlog is read first).
    std::size_t max_held = 20'000;
    // How long sector records wait for the consent partition to reach its end offset. Only a
    // consent topic whose end is an open transaction's records can hold it up; the wait is then
    // ended, counted and logged rather than stalling the partition.
    std::chrono::milliseconds consent_wait{10'000};
  };

  enum class Due {
    kNothing,             // nothing may be applied yet
    kConsentOnly,         // consent decisions may be applied (no sector record is waiting for them)
    kFull,                // consent up to the barrier is here: consent first, then sector records
    kFullAfterWaitLimit,  // as kFull, but the consent partition did not reach its end in time
  };

  // `start`: where reading each input topic of the partition begins (the checkpoint).
  PartitionIntake(std::string consent_topic, const InputOffsets& start, Limits limits);

  // A consumed record of this partition. A record before the next expected offset of its topic
  // is a re-delivery and is ignored; past Limits::max_held, a topic's records are dropped from
  // the first one on and take_rewinds() says where to read that topic again.
  void add(kafka::Message message);

  // True when sector or plan records wait for a barrier: read the consent partition's
  // watermarks now and hand them to set_barrier().
  bool needs_barrier() const;
  // True while records wait behind a barrier.
  bool has_barrier() const { return barrier_.has_value(); }
  // Every waiting record was consumed before `consent` was read, so every decision on the bus
  // before them is below consent.high: they are covered once consent reaches it.
  void set_barrier(const kafka::Watermarks& consent, Clock::time_point now);

  // What may be applied now. `consent_position`: the consumer's position on the consent
  // partition, which also moves past control records that are never handed out.
  Due due(std::optional<std::int64_t> consent_position, Clock::time_point now) const;

  // Takes the batch `due` allows: every consent record held, then (for kFull*) the covered
  // sector and plan records in the order they were consumed.
  std::vector<kafka::Message> take(Due due);

  // Topic -> first offset dropped since the last call. Seek there once the batch before it is
  // applied.
  std::map<std::string, std::int64_t> take_rewinds();

  // Sector and plan records held (covered and waiting) plus consent records held.
  std::size_t held() const { return consent_.size() + covered_.size() + waiting_.size(); }
  bool holds_records_of(const std::string& topic) const;

 private:
  std::string consent_topic_;
  Limits limits_;
  std::vector<kafka::Message> consent_;
  std::vector<kafka::Message> covered_;  // consumed before the barrier was read
  std::vector<kafka::Message> waiting_;  // consumed after it
  std::optional<std::int64_t> barrier_;
  Clock::time_point barrier_since_{};
  // The offset after the last consent record consumed (or where reading it started).
  std::optional<std::int64_t> consent_next_;
  std::map<std::string, std::int64_t> expected_;  // next offset per topic
  std::map<std::string, std::int64_t> rewinds_;
};

}  // namespace samsag::bridge
