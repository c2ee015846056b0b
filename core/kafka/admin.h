// Admin: what the cluster holds, for checks before work starts (the bridge refuses to start when
// its input topics are not co-partitioned). Topic creation and config checks for
// `samsag topics ensure` belong here too: they are to be added as create_topics() and
// describe_configs() on this class, over the same handle with librdkafka's Admin API.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/settings.h"
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

 private:
  struct Impl;
  explicit Admin(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::kafka
