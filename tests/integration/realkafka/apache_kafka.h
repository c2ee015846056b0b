// The real Apache Kafka 3.9 cluster that CTest's fixture started with tools/kafka/cluster (one per
// suite), as the `kafka` tests see it: its bootstrap, and Kafka's own Java tools run against it
// (kafka-topics, the console consumer, kafka-consumer-groups) as independent witnesses of what
// samsag's clients did.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace samsag::testing {

// What a Kafka tool printed on stdout, and how it ended.
struct ToolRun {
  int exit_code = -1;  // -1: it did not finish in time and was killed
  std::string output;
};

// A record as Kafka's console consumer printed it.
struct ConsoleRecord {
  std::string key;
  std::string value;

  friend bool operator==(const ConsoleRecord&, const ConsoleRecord&) = default;
};

enum class Isolation { kReadCommitted, kReadUncommitted };

class ApacheKafka {
 public:
  // The cluster of $SAMSAG_KAFKA_CLUSTER_DIR (set by CTest's fixture), or $SAMSAG_KAFKA_BOOTSTRAP
  // for a cluster started by hand. Throws std::runtime_error naming both when neither is set.
  ApacheKafka();

  const std::string& bootstrap() const { return bootstrap_; }
  // The cluster's directory ("" for a cluster given only by its bootstrap).
  const std::string& directory() const { return directory_; }

  // `tools/kafka/cluster run CLASS ARGS...`: a Kafka tool with the cached jars.
  ToolRun run_tool(const std::string& java_class, const std::vector<std::string>& args,
                   std::chrono::seconds timeout = std::chrono::seconds(120)) const;

  // kafka-topics --create; throws std::runtime_error with the tool's output when it fails.
  void create_topic(const std::string& topic, int partitions,
                    const std::map<std::string, std::string>& configs = {},
                    int replication_factor = 1) const;
  // kafka-topics --delete of every topic that exists among `topics`, then waits until they are
  // gone, so a test can make them again with the same names.
  void delete_topics(const std::vector<std::string>& topics) const;
  // kafka-topics --list.
  std::vector<std::string> list_topics() const;
  // kafka-topics --describe output ("" when the topic does not exist).
  std::string describe_topic(const std::string& topic) const;

  // Kafka's console consumer from the beginning of `topic`, until `expected` records arrived or
  // `idle` passed without one. Keys and values are printed as text.
  std::vector<ConsoleRecord> console_consume(const std::string& topic, Isolation isolation,
                                             int expected, std::chrono::milliseconds idle) const;

  // kafka-consumer-groups --describe: the committed offset of each partition of `topic` in
  // `group` (partitions without one are absent).
  std::map<int, long long> committed_offsets(const std::string& group,
                                             const std::string& topic) const;

  // For the fault tests on a cluster of several nodes (node ids 1..N, tools/kafka/cluster).
  // kafka-topics --describe of every topic matching `pattern` (a regular expression): how many
  // partitions each node leads (nodes leading none are absent).
  std::map<int, int> leader_counts(const std::string& pattern) const;
  // The node id of the active KRaft controller (kafka-metadata-quorum describe --status).
  int active_controller() const;
  // `tools/kafka/cluster kill|restart --node N`; throw std::runtime_error with the script's
  // output when it fails. restart returns once the node serves metadata again.
  void kill_node(int node) const;
  void restart_node(int node) const;

 private:
  std::string bootstrap_;
  std::string directory_;
};

// A name no other test of this suite uses on the shared cluster: `prefix` and random letters.
std::string unique_name(const std::string& prefix);

}  // namespace samsag::testing
