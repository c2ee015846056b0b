// What goes onto a topic and what comes back from it: plain values, no librdkafka types.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samsag::kafka {

// One Kafka record header (samsag puts `event-id` and the schema name here).
struct Header {
  std::string key;
  std::string value;

  friend bool operator==(const Header&, const Header&) = default;
};
using Headers = std::vector<Header>;

// The value of the first header called `key`, if any.
inline std::optional<std::string_view> find_header(const Headers& headers, std::string_view key) {
  for (const auto& header : headers) {
    if (header.key == key) return header.value;
  }
  return std::nullopt;
}

// A record to produce.
// Every member has a default initializer, so designated initializers may leave any out.
struct ProducerRecord {
  std::string topic{};
  // On samsag's topics the citizen's pseudonym, so one citizen's records share a partition
  // number on every co-partitioned topic. nullopt: no key (the partitioner picks at random).
  std::optional<std::string> key{};
  // nullopt: a tombstone, which deletes the key from a compacted topic.
  std::optional<std::string> value{};
  Headers headers{};
  // nullopt: the murmur2_random partitioner picks from the key, as Java clients do.
  std::optional<std::int32_t> partition{};
};

// Where Kafka stored a produced record.
struct DeliveredRecord {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;

  friend bool operator==(const DeliveredRecord&, const DeliveredRecord&) = default;
};

// A consumed record.
struct Message {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::optional<std::string> key;
  std::optional<std::string> value;  // nullopt: a tombstone
  Headers headers;
  // The producer's create time or the broker's log-append time; nullopt when the record has none.
  std::optional<std::chrono::sys_time<std::chrono::milliseconds>> timestamp;
};

}  // namespace samsag::kafka
