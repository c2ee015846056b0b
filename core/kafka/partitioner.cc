#include "core/kafka/partitioner.h"

#include <librdkafka/rdkafka.h>

#include <stdexcept>

namespace samsag::kafka {

std::int32_t murmur2_partition(std::string_view key, std::int32_t partition_count) {
  if (partition_count <= 0) {
    throw std::invalid_argument("murmur2_partition: partition_count must be positive");
  }
  // librdkafka's own function, so the answer cannot drift from what the producers do. It reads
  // neither the topic nor the opaques (src/rdkafka_msg.c); a key pointer that is never null keeps
  // it off murmur2_random's "no key: random" branch.
  static constexpr char kEmpty = '\0';
  const char* data = key.empty() ? &kEmpty : key.data();
  return rd_kafka_msg_partitioner_murmur2(nullptr, data, key.size(), partition_count, nullptr,
                                          nullptr);
}

}  // namespace samsag::kafka
