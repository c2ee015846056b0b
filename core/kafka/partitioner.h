// The partition a keyed record goes to: the murmur2 hash every samsag producer uses
// (partitioner=murmur2_random, as the Java client's default), so anyone can tell which partition
// holds a citizen's records without producing anything.
#pragma once

#include <cstdint>
#include <string_view>

namespace samsag::kafka {

// The partition in [0, partition_count) that a record with the non-empty `key` lands on, as
// librdkafka's murmur2 partitioner computes it. `partition_count` must be positive (throws
// std::invalid_argument otherwise: a programming error).
std::int32_t murmur2_partition(std::string_view key, std::int32_t partition_count);

}  // namespace samsag::kafka
