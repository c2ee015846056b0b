// Partitions and offsets, as consumers and transactions name them.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace samsag::kafka {

struct TopicPartition {
  std::string topic;
  std::int32_t partition = 0;

  friend auto operator<=>(const TopicPartition&, const TopicPartition&) = default;
};

// Kafka's logical offsets, for a starting point or a seek.
inline constexpr std::int64_t kOffsetBeginning = -2;
inline constexpr std::int64_t kOffsetEnd = -1;

// An offset of one partition. Where offsets are committed or sent with a transaction, `offset`
// is the NEXT record to read (last processed + 1), as Kafka defines it.
struct PartitionOffset {
  std::string topic;
  std::int32_t partition = 0;
  // nullopt: none, e.g. no committed offset yet, or "start where the group left off".
  std::optional<std::int64_t> offset;

  friend bool operator==(const PartitionOffset&, const PartitionOffset&) = default;
};

// The first offset still on a partition and the offset the next produced record will get; a
// consumer whose position reached `high` has caught up.
struct Watermarks {
  std::int64_t low = 0;
  std::int64_t high = 0;

  friend bool operator==(const Watermarks&, const Watermarks&) = default;
};

}  // namespace samsag::kafka
