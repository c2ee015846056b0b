// Admin: what the cluster holds, for checks before work starts (the bridge refuses to start when
// its input topics are not co-partitioned), and topic creation and configs for
// `samsag topics ensure` through librdkafka's Admin API. The embedded broker answers none of the
// Admin API requests: they fail there with UNSUPPORTED_BY_BROKER.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/settings.h"
#include "core/kafka/topic_config.h"
#include "core/kafka/topic_metadata.h"

namespace samsag::kafka {

class Admin {
 public:
  // `settings` from KafkaSettings::for_admin (anything else throws std::invalid_argument).
  // Error: INVALID_KAFKA_SETTINGS.
  static Result<Admin> create(const KafkaSettings& settings);
  Admin(Admin&&) noexcept;
  Admin& operator=(Admin&&) noexcept;
  ~Admin();

  // Every topic this client may see, sorted by name. Error: TIMED_OUT, BROKER_UNREACHABLE.
  Result<std::vector<TopicDescription>> list_topics(Deadline deadline);

  // The partition counts of `topics`, and which of them do not exist. Never creates a topic.
  Result<PartitionCounts> partition_counts(const std::vector<std::string>& topics,
                                           Deadline deadline);

  // Partition and replica counts of those of `topics` that exist (missing ones are absent).
  // Never creates a topic.
  Result<std::map<std::string, TopicPlacement>> placements(const std::vector<std::string>& topics,
                                                           Deadline deadline);

  // Creates `topics` (CreateTopics, sent to the controller, waiting until it made them). Per
  // topic: ok, or the broker's refusal (TOPIC_EXISTS, NOT_AUTHORIZED, KAFKA_ERROR naming e.g. an
  // invalid replication factor). The call fails as a whole with UNSUPPORTED_BY_BROKER, TIMED_OUT
  // or BROKER_UNREACHABLE. A cluster that names no controller (the embedded broker) leaves it
  // waiting until `deadline`: ask describe_configs() first, which says UNSUPPORTED_BY_BROKER.
  Result<std::map<std::string, Status>> create_topics(const std::vector<NewTopic>& topics,
                                                      Deadline deadline);

  // Every config of each of `topics` (DescribeConfigs, to any broker), with where its value
  // comes from.
  // Errors: UNSUPPORTED_BY_BROKER, TIMED_OUT, BROKER_UNREACHABLE; per topic: TopicConfigs::error.
  Result<std::map<std::string, TopicConfigs>> describe_configs(
      const std::vector<std::string>& topics, Deadline deadline);

  // Kafka's AlterConfigs, to any broker (librdkafka 2.0.2 has no IncrementalAlterConfigs): REPLACES
  // the topic's own configs by `configs`; any topic config not in it returns to the broker's
  // default. Pass the topic's current own configs (ConfigSource::kTopic) with the changes merged
  // in.
  Status alter_configs(const std::string& topic, const std::map<std::string, std::string>& configs,
                       Deadline deadline);

 private:
  struct Impl;
  explicit Admin(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::kafka
