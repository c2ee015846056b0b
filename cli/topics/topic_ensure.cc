#include "cli/topics/topic_ensure.h"

#include <algorithm>

#include "core/kafka/error_codes.h"

namespace samsag::cli::topics {
namespace {

using kafka::ConfigSource;
using kafka::TopicConfigs;

std::vector<std::string> names_of(const std::vector<kafka::NewTopic>& layout) {
  std::vector<std::string> names;
  names.reserve(layout.size());
  for (const auto& topic : layout) names.push_back(topic.name);
  return names;
}

std::vector<ConfigChange> differences(const kafka::NewTopic& wanted, const TopicConfigs& found) {
  std::vector<ConfigChange> changes;
  for (const auto& [name, value] : wanted.configs) {
    auto it = found.entries.find(name);
    std::optional<std::string> current;
    if (it != found.entries.end()) current = it->second.value;
    if (current != value) changes.push_back({name, current, value});
  }
  return changes;
}

// AlterConfigs replaces all of a topic's own configs, so the ones samsag does not manage are
// sent back unchanged. A sensitive one cannot be read back and would be lost: refuse.
Result<std::map<std::string, std::string>> full_config_set(const kafka::NewTopic& wanted,
                                                           const TopicConfigs& found) {
  std::map<std::string, std::string> configs;
  for (const auto& [name, value] : found.entries) {
    if (value.source != ConfigSource::kTopic || value.read_only) continue;
    if (!value.value) {
      return make_error("CONFIG_NOT_READABLE",
                        "the topic's own config " + name +
                            " is sensitive and cannot be read back, so AlterConfigs would drop "
                            "it; set the wanted configs with kafka-configs.sh --alter instead");
    }
    configs[name] = *value.value;
  }
  for (const auto& [name, value] : wanted.configs) configs[name] = value;
  return configs;
}

void check_shape(TopicReport& report) {
  const auto& found = *report.found;
  if (found.partitions != report.wanted.partitions) {
    report.status = TopicStatus::kWrongPartitions;
    report.reason = "the topic has " + std::to_string(found.partitions) +
                    " partitions, the config " + std::to_string(report.wanted.partitions) +
                    "; samsag never changes a partition count (it moves citizens between "
                    "partitions): recreate the topic or fix kafka.partitions";
  } else if (report.wanted.replication_factor > 0 &&
             found.replication_factor < report.wanted.replication_factor) {
    report.status = TopicStatus::kTooFewReplicas;
    report.reason = "the topic has " + std::to_string(found.replication_factor) +
                    " replicas, fewer than kafka.replication_factor " +
                    std::to_string(report.wanted.replication_factor) +
                    "; add replicas with kafka-reassign-partitions.sh";
  }
}

void correct_configs(TopicAdmin& admin, TopicReport& report, const TopicConfigs& found,
                     const EnsureOptions& options) {
  if (found.error) {
    report.status = TopicStatus::kFailed;
    report.reason = found.error->message;
    return;
  }
  report.changes = differences(report.wanted, found);
  if (report.changes.empty()) {
    report.configs = ConfigStatus::kOk;
    return;
  }
  if (options.dry_run) {
    report.configs = ConfigStatus::kWouldCorrect;
    return;
  }
  auto configs = full_config_set(report.wanted, found);
  Status altered = configs ? admin.alter_configs(report.wanted.name, *configs,
                                                 kafka::deadline_in(options.timeout))
                           : Status(configs.error());
  if (!altered) {
    report.status = TopicStatus::kFailed;
    report.configs = ConfigStatus::kWouldCorrect;
    report.reason = altered.error().message;
    return;
  }
  report.configs = ConfigStatus::kCorrected;
}

void create_missing(TopicAdmin& admin, std::vector<TopicReport*>& missing,
                    const EnsureOptions& options) {
  if (missing.empty()) return;
  if (options.dry_run) {
    for (auto* report : missing) report->status = TopicStatus::kWouldCreate;
    return;
  }
  std::vector<kafka::NewTopic> requests;
  for (const auto* report : missing) requests.push_back(report->wanted);
  auto created = admin.create_topics(requests, kafka::deadline_in(options.timeout));
  for (auto* report : missing) {
    if (!created) {
      report->status = TopicStatus::kMissing;
      report->reason = created.error().message;
      continue;
    }
    auto it = created->find(report->wanted.name);
    if (it == created->end()) {
      report->status = TopicStatus::kMissing;
      report->reason = "Kafka's answer to CreateTopics did not name the topic";
    } else if (!it->second) {
      report->status = TopicStatus::kFailed;
      report->reason = it->second.error().message;
    } else {
      report->status = TopicStatus::kCreated;
      report->configs = ConfigStatus::kSet;
      report->found =
          kafka::TopicPlacement{report->wanted.partitions, report->wanted.replication_factor};
    }
  }
}

}  // namespace

bool TopicReport::problem() const {
  return status == TopicStatus::kMissing || status == TopicStatus::kWrongPartitions ||
         status == TopicStatus::kTooFewReplicas || status == TopicStatus::kFailed;
}

bool EnsureReport::problems() const {
  return std::any_of(topics.begin(), topics.end(), [](const auto& t) { return t.problem(); });
}

bool EnsureReport::changed() const {
  return std::any_of(topics.begin(), topics.end(), [](const auto& t) {
    return t.status == TopicStatus::kCreated || t.configs == ConfigStatus::kCorrected;
  });
}

Result<EnsureReport> ensure_topics(TopicAdmin& admin, const std::vector<kafka::NewTopic>& layout,
                                   const EnsureOptions& options) {
  const auto names = names_of(layout);
  auto placements = admin.placements(names, kafka::deadline_in(options.timeout));
  if (!placements) return placements.error();
  // Asked for every topic, existing or not: the answer also tells whether the broker has the
  // Admin API at all, before anything is created.
  auto described = admin.describe_configs(names, kafka::deadline_in(options.timeout));
  EnsureReport report;
  bool admin_api = true;
  if (!described) {
    if (described.error().code != kafka::errc::kUnsupported) return described.error();
    admin_api = false;
    report.configs_unchecked_reason =
        "the broker answers no DescribeConfigs, CreateTopics or AlterConfigs (the embedded "
        "broker implements no Kafka Admin API), so topic configs were not checked and missing "
        "topics not created; partitions and replicas were checked";
  }

  std::vector<TopicReport*> missing;
  report.topics.reserve(layout.size());
  for (const auto& wanted : layout) {
    report.topics.push_back(TopicReport{.wanted = wanted});
    auto& topic = report.topics.back();
    auto found = placements->find(wanted.name);
    if (found == placements->end()) {
      if (admin_api) {
        missing.push_back(&topic);
      } else {
        topic.status = TopicStatus::kMissing;
        topic.reason =
            "the topic does not exist and this broker cannot create it (`samsag broker -c "
            "CONFIG` creates the config's topics when it starts)";
      }
      continue;
    }
    topic.found = found->second;
    check_shape(topic);
    if (!admin_api) {
      topic.configs = ConfigStatus::kUnchecked;
      continue;
    }
    auto configs = described->find(wanted.name);
    if (configs == described->end()) {
      topic.configs = ConfigStatus::kUnchecked;
      topic.reason = "Kafka's answer to DescribeConfigs did not name the topic";
      continue;
    }
    const TopicStatus shape = topic.status;
    correct_configs(admin, topic, configs->second, options);
    if (topic.status == TopicStatus::kOk) topic.status = shape;
  }
  create_missing(admin, missing, options);
  return report;
}

}  // namespace samsag::cli::topics
