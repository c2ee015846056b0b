// librdkafka's Admin API (C only in 2.0.2) for topics: CreateTopics, DescribeConfigs and
// AlterConfigs, each waited for on a queue of its own so calls never see each other's results.
// Private to core/kafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/topic_config.h"

namespace samsag::kafka::detail {

// Per topic: ok, or the broker's answer (TOPIC_EXISTS, ...). The whole call fails when the
// request could not be made (UNSUPPORTED_BY_BROKER, TIMED_OUT, BROKER_UNREACHABLE).
Result<std::map<std::string, Status>> create_topics(RdKafka::Handle& handle,
                                                    const std::vector<NewTopic>& topics,
                                                    Deadline deadline);

Result<std::map<std::string, TopicConfigs>> describe_topic_configs(
    RdKafka::Handle& handle, const std::vector<std::string>& topics, Deadline deadline);

// Kafka's AlterConfigs: afterwards the topic's own configs are exactly `configs`.
Status alter_topic_configs(RdKafka::Handle& handle, const std::string& topic,
                           const std::map<std::string, std::string>& configs, Deadline deadline);

// Partition and replica counts of the topics among `wanted` that exist.
Result<std::map<std::string, TopicPlacement>> topic_placements(
    RdKafka::Handle& handle, const std::vector<std::string>& wanted, Deadline deadline);

}  // namespace samsag::kafka::detail
