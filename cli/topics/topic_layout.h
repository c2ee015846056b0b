// What every topic of a municipality should look like on the cluster (DESIGN.md "Events and
// keys", domain.md §11 "Retention"): partitions, replication factor and topic configs. Pure: the
// config in, the wanted topics out; `samsag topics ensure` compares them with the cluster.
#pragma once

#include <vector>

#include "core/kafka/topic_config.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::cli::topics {

inline constexpr long long kMillisecondsPerDay = 24LL * 60 * 60 * 1000;

// One kafka::NewTopic per topic of Topics::all(), in that order, from a loaded config (defaults
// applied). Partitions: kafka.partitions, except where a topic needs exactly one (members).
// Replication factor: kafka.replication_factor (0: the cluster's default). Configs:
// min.insync.replicas when configured; cleanup.policy=compact for the case and members topics;
// cleanup.policy=delete with retention.ms from kafka.retention for the others.
std::vector<kafka::NewTopic> topic_layout(const samsag::config::v1::Config& config);

}  // namespace samsag::cli::topics
