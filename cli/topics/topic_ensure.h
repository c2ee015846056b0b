// `samsag topics ensure`: brings the cluster's topics to the layout the config asks for, or says
// why it cannot. Creates what is missing (with its configs), corrects topic configs that differ,
// and never changes a partition count or a replication factor: a topic with the wrong partition
// count breaks co-partitioning and needs a human decision (a new topic and a migration), so it is
// reported as a problem. Idempotent: a second run finds everything as wanted and changes nothing.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/kafka/admin.h"
#include "core/kafka/topic_config.h"

namespace samsag::cli::topics {

enum class TopicStatus {
  kOk,               // exists as wanted (configs possibly corrected: see ConfigStatus)
  kCreated,          // did not exist; created with its configs
  kWouldCreate,      // --dry-run: would be created
  kMissing,          // does not exist and could not be created (see reason)
  kWrongPartitions,  // exists with another partition count: a problem, never changed here
  kTooFewReplicas,   // fewer replicas than the configured replication factor: a problem
  kFailed,           // Kafka refused a change (see reason)
};

enum class ConfigStatus {
  kOk,             // every wanted config has the wanted value
  kSet,            // set when the topic was created
  kCorrected,      // differed; corrected with AlterConfigs
  kWouldCorrect,   // --dry-run: differ
  kUnchecked,      // the broker does not describe configs (the embedded broker)
  kNotApplicable,  // the topic does not exist
};

// One wanted config whose value on the cluster differs.
struct ConfigChange {
  std::string name;
  std::optional<std::string> found;  // nullopt: not shown by the broker
  std::string wanted;
};

struct TopicReport {
  kafka::NewTopic wanted{};
  TopicStatus status = TopicStatus::kOk;
  ConfigStatus configs = ConfigStatus::kNotApplicable;
  std::optional<kafka::TopicPlacement> found{};
  std::vector<ConfigChange> changes{};
  std::string reason{};  // one sentence for the problem statuses and for notes

  // The topic is not as wanted and this run could not (or must not) fix it.
  bool problem() const;
};

struct EnsureReport {
  std::vector<TopicReport> topics;
  // Why configs were not checked (the broker answers no DescribeConfigs), or empty.
  std::string configs_unchecked_reason;

  bool problems() const;
  bool changed() const;
};

// The four Admin API calls ensure_topics needs (kafka::Admin's), behind an interface so the
// create-and-correct logic is tested without a cluster that implements them.
class TopicAdmin {
 public:
  virtual ~TopicAdmin() = default;
  virtual Result<std::map<std::string, kafka::TopicPlacement>> placements(
      const std::vector<std::string>& topics, kafka::Deadline deadline) = 0;
  virtual Result<std::map<std::string, kafka::TopicConfigs>> describe_configs(
      const std::vector<std::string>& topics, kafka::Deadline deadline) = 0;
  virtual Result<std::map<std::string, Status>> create_topics(
      const std::vector<kafka::NewTopic>& topics, kafka::Deadline deadline) = 0;
  virtual Status alter_configs(const std::string& topic,
                               const std::map<std::string, std::string>& configs,
                               kafka::Deadline deadline) = 0;
};

// TopicAdmin over a real kafka::Admin.
class KafkaTopicAdmin final : public TopicAdmin {
 public:
  explicit KafkaTopicAdmin(kafka::Admin& admin) : admin_(admin) {}
  Result<std::map<std::string, kafka::TopicPlacement>> placements(
      const std::vector<std::string>& topics, kafka::Deadline deadline) override {
    return admin_.placements(topics, deadline);
  }
  Result<std::map<std::string, kafka::TopicConfigs>> describe_configs(
      const std::vector<std::string>& topics, kafka::Deadline deadline) override {
    return admin_.describe_configs(topics, deadline);
  }
  Result<std::map<std::string, Status>> create_topics(const std::vector<kafka::NewTopic>& topics,
                                                      kafka::Deadline deadline) override {
    return admin_.create_topics(topics, deadline);
  }
  Status alter_configs(const std::string& topic, const std::map<std::string, std::string>& configs,
                       kafka::Deadline deadline) override {
    return admin_.alter_configs(topic, configs, deadline);
  }

 private:
  kafka::Admin& admin_;
};

struct EnsureOptions {
  bool dry_run = false;
  std::chrono::milliseconds timeout{30'000};  // for each Kafka request
};

// Errors: what kafka::Admin reports when the cluster cannot even be listed.
Result<EnsureReport> ensure_topics(TopicAdmin& admin, const std::vector<kafka::NewTopic>& layout,
                                   const EnsureOptions& options);

// One line per topic, then a summary line and, where something was not checked, a note:
//   topic=aarhus.case.v1 status=ok partitions=12 replication_factor=3 configs=ok
//   summary topics=10 ok=10 created=0 corrected=0 problems=0 changed=no configs=checked
std::vector<std::string> report_lines(const EnsureReport& report);

}  // namespace samsag::cli::topics
