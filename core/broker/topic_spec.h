// A topic the embedded broker creates at start, written "NAME:PARTITIONS" on the command line.
#pragma once

#include <string>

#include "core/base/result.h"

namespace samsag::broker {

struct TopicSpec {
  std::string name;
  int partitions = 1;

  friend bool operator==(const TopicSpec&, const TopicSpec&) = default;
};

// The most partitions one topic may have here; a development broker needs no more, and a typo
// such as 10000 should fail loudly instead of allocating ten thousand partition logs.
inline constexpr int kMaxPartitions = 1000;

// Checks a topic name the way Kafka does: 1 to 249 characters of [a-zA-Z0-9._-], not "." or "..".
// Errors: INVALID_TOPIC_NAME.
Status check_topic_name(const std::string& name);

// Parses "NAME:PARTITIONS", e.g. "aarhus.case.v1:6". Errors: INVALID_TOPIC, INVALID_TOPIC_NAME.
Result<TopicSpec> parse_topic_spec(const std::string& text);

}  // namespace samsag::broker
