// Topic layout and topic configs as the Admin API sees them (`samsag topics ensure`): what to
// create, what the cluster says a topic is, and its configs with where each value comes from.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/base/result.h"

namespace samsag::kafka {

// A topic to create. Configs are Kafka topic configs (cleanup.policy, retention.ms, ...).
// Every member has a default initializer, so designated initializers may leave any out.
struct NewTopic {
  std::string name{};
  int partitions = 1;
  // 0: the cluster's default.replication.factor.
  int replication_factor = 0;
  std::map<std::string, std::string> configs{};
};

// What the cluster's metadata says about an existing topic.
struct TopicPlacement {
  int partitions = 0;
  // Replicas of the topic's first partition (Kafka gives every partition of a topic the same
  // count unless someone reassigned partitions by hand).
  int replication_factor = 0;

  friend bool operator==(const TopicPlacement&, const TopicPlacement&) = default;
};

// Where a config value comes from (Kafka's DescribeConfigs ConfigSource).
enum class ConfigSource {
  kTopic,    // set on this topic (a "dynamic topic config")
  kBroker,   // a broker's dynamic or static setting
  kDefault,  // Kafka's built-in default
  kUnknown,
};

struct ConfigValue {
  // nullopt: the broker does not show it (a sensitive value) or has none.
  std::optional<std::string> value;
  ConfigSource source = ConfigSource::kUnknown;
  bool read_only = false;
  bool sensitive = false;
};

// Every config of one topic by name, or why the broker could not describe it.
struct TopicConfigs {
  std::map<std::string, ConfigValue> entries;
  std::optional<Error> error;
};

}  // namespace samsag::kafka
