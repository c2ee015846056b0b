#include "cli/topics/topic_layout.h"

#include <string>

#include "core/config/topics.h"

namespace samsag::cli::topics {
namespace {

std::string retention_ms(unsigned days) {
  return std::to_string(static_cast<long long>(days) * kMillisecondsPerDay);
}

// The cleanup and retention of one topic (domain.md §11); the retention days are the loaded
// config's, whose defaults are the domain's.
std::map<std::string, std::string> cleanup_of(const std::string& topic,
                                              const samsag::config::Topics& names,
                                              const samsag::config::v1::Retention& retention) {
  // The case topic is the bridge's recovery log: a key lives until tombstoned. Members are
  // latest-per-instance addresses.
  if (topic == names.case_ || topic == names.members) return {{"cleanup.policy", "compact"}};
  unsigned days = retention.sector_days();
  if (topic == names.consent || topic == names.plan) days = retention.decision_days();
  if (topic == names.audit) days = retention.audit_days();
  if (topic == names.dlq) days = retention.dlq_days();
  return {{"cleanup.policy", "delete"}, {"retention.ms", retention_ms(days)}};
}

}  // namespace

std::vector<kafka::NewTopic> topic_layout(const samsag::config::v1::Config& config) {
  const auto names = samsag::config::Topics::for_municipality(config.municipality().slug());
  const auto& kafka = config.kafka();
  std::vector<kafka::NewTopic> layout;
  for (const auto& name : names.all()) {
    kafka::NewTopic topic{
        .name = name,
        .partitions = names.partitions_of(name, static_cast<int>(kafka.partitions())),
        .replication_factor = static_cast<int>(kafka.replication_factor()),
        .configs = cleanup_of(name, names, kafka.retention()),
    };
    if (kafka.min_insync_replicas() > 0) {
      topic.configs["min.insync.replicas"] = std::to_string(kafka.min_insync_replicas());
    }
    layout.push_back(std::move(topic));
  }
  return layout;
}

}  // namespace samsag::cli::topics
