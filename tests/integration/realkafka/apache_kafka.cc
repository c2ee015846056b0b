#include "tests/integration/realkafka/apache_kafka.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "tests/support/child_process.h"

namespace samsag::testing {
namespace {

using namespace std::chrono_literals;

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; in >> field;) fields.push_back(field);
  return fields;
}

}  // namespace

ApacheKafka::ApacheKafka() {
  directory_ = environment("SAMSAG_KAFKA_CLUSTER_DIR");
  if (!directory_.empty()) {
    std::ifstream file(directory_ + "/bootstrap");
    std::getline(file, bootstrap_);
    if (bootstrap_.empty()) {
      throw std::runtime_error("no bootstrap in " + directory_ +
                               "/bootstrap: did tools/kafka/cluster start succeed?");
    }
    return;
  }
  bootstrap_ = environment("SAMSAG_KAFKA_BOOTSTRAP");
  if (bootstrap_.empty()) {
    throw std::runtime_error(
        "no Apache Kafka for this test: run it through ctest (the fixture starts one), or start "
        "one with tools/kafka/cluster and set SAMSAG_KAFKA_CLUSTER_DIR or SAMSAG_KAFKA_BOOTSTRAP");
  }
}

ToolRun ApacheKafka::run_tool(const std::string& java_class, const std::vector<std::string>& args,
                              std::chrono::seconds timeout) const {
  std::vector<std::string> argv{std::string(SAMSAG_SOURCE_DIR) + "/tools/kafka/cluster", "run",
                                java_class};
  argv.insert(argv.end(), args.begin(), args.end());
  ChildProcess tool(argv);
  ToolRun run;
  auto output = tool.read_all(timeout);
  run.output = output.value_or("");
  auto code = output ? tool.wait_for_exit(10s) : std::nullopt;
  run.exit_code = code.value_or(-1);
  return run;
}

void ApacheKafka::create_topic(const std::string& topic, int partitions,
                               const std::map<std::string, std::string>& configs,
                               int replication_factor) const {
  std::vector<std::string> args{"--bootstrap-server",
                                bootstrap_,
                                "--create",
                                "--topic",
                                topic,
                                "--partitions",
                                std::to_string(partitions),
                                "--replication-factor",
                                std::to_string(replication_factor)};
  for (const auto& [name, value] : configs) {
    args.push_back("--config");
    args.push_back(name + "=" + value);
  }
  auto run = run_tool("org.apache.kafka.tools.TopicCommand", args);
  if (run.exit_code != 0) {
    throw std::runtime_error("kafka-topics could not create " + topic + ": " + run.output);
  }
}

void ApacheKafka::delete_topics(const std::vector<std::string>& topics) const {
  // One regular expression for all of them (kafka-topics takes one for --topic): each JVM start
  // costs seconds.
  std::string pattern;
  for (const auto& topic : topics) {
    if (!pattern.empty()) pattern += "|";
    for (const char c : topic) {
      if (c == '.') pattern += '\\';
      pattern += c;
    }
  }
  auto run =
      run_tool("org.apache.kafka.tools.TopicCommand",
               {"--bootstrap-server", bootstrap_, "--delete", "--if-exists", "--topic", pattern});
  if (run.exit_code != 0) {
    throw std::runtime_error("kafka-topics could not delete " + pattern + ": " + run.output);
  }
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (true) {
    const auto listed = list_topics();
    const bool gone = std::none_of(topics.begin(), topics.end(), [&](const std::string& topic) {
      return std::find(listed.begin(), listed.end(), topic) != listed.end();
    });
    if (gone) return;
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("topics " + pattern + " were not deleted within 60 s");
    }
  }
}

std::vector<std::string> ApacheKafka::list_topics() const {
  auto run =
      run_tool("org.apache.kafka.tools.TopicCommand", {"--bootstrap-server", bootstrap_, "--list"});
  if (run.exit_code != 0) throw std::runtime_error("kafka-topics --list failed: " + run.output);
  return lines_of(run.output);
}

std::string ApacheKafka::describe_topic(const std::string& topic) const {
  auto run = run_tool("org.apache.kafka.tools.TopicCommand",
                      {"--bootstrap-server", bootstrap_, "--describe", "--topic", topic});
  return run.exit_code == 0 ? trimmed(run.output) : std::string();
}

std::vector<ConsoleRecord> ApacheKafka::console_consume(const std::string& topic,
                                                        Isolation isolation, int expected,
                                                        std::chrono::milliseconds idle) const {
  auto run = run_tool(
      "org.apache.kafka.tools.consumer.ConsoleConsumer",
      {"--bootstrap-server", bootstrap_, "--topic", topic, "--from-beginning", "--isolation-level",
       isolation == Isolation::kReadCommitted ? "read_committed" : "read_uncommitted",
       "--max-messages", std::to_string(expected), "--timeout-ms", std::to_string(idle.count()),
       "--property", "print.key=true", "--property", "key.separator=|"});
  std::vector<ConsoleRecord> records;
  for (const auto& line : lines_of(run.output)) {
    const auto bar = line.find('|');
    if (bar == std::string::npos) continue;
    records.push_back({line.substr(0, bar), line.substr(bar + 1)});
  }
  return records;
}

std::map<int, long long> ApacheKafka::committed_offsets(const std::string& group,
                                                        const std::string& topic) const {
  auto run = run_tool("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
                      {"--bootstrap-server", bootstrap_, "--describe", "--group", group});
  // Columns: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID;
  // CURRENT-OFFSET is "-" where the group committed nothing.
  std::map<int, long long> offsets;
  for (const auto& line : lines_of(run.output)) {
    const auto fields = fields_of(line);
    if (fields.size() < 4 || fields[0] != group || fields[1] != topic) continue;
    if (fields[3] == "-") continue;
    offsets[std::stoi(fields[2])] = std::stoll(fields[3]);
  }
  return offsets;
}

std::map<int, int> ApacheKafka::leader_counts(const std::string& pattern) const {
  auto run = run_tool("org.apache.kafka.tools.TopicCommand",
                      {"--bootstrap-server", bootstrap_, "--describe", "--topic", pattern});
  if (run.exit_code != 0) throw std::runtime_error("kafka-topics --describe failed: " + run.output);
  // Partition lines: "Topic: t  Partition: 0  Leader: 2  Replicas: 2,3,1  Isr: 2,3,1 ...";
  // Leader: none (-1) while no replica is in sync.
  std::map<int, int> counts;
  for (const auto& line : lines_of(run.output)) {
    const auto fields = fields_of(line);
    for (std::size_t i = 0; i + 1 < fields.size(); ++i) {
      if (fields[i] == "Leader:" && fields[i + 1] != "none" && fields[i + 1] != "-1") {
        ++counts[std::stoi(fields[i + 1])];
      }
    }
  }
  return counts;
}

int ApacheKafka::active_controller() const {
  auto run = run_tool("org.apache.kafka.tools.MetadataQuorumCommand",
                      {"--bootstrap-server", bootstrap_, "describe", "--status"});
  for (const auto& line : lines_of(run.output)) {
    const auto fields = fields_of(line);
    if (fields.size() == 2 && fields[0] == "LeaderId:") return std::stoi(fields[1]);
  }
  throw std::runtime_error("kafka-metadata-quorum named no leader: " + run.output);
}

namespace {

void run_cluster_script(const std::string& command, const std::string& directory, int node) {
  if (directory.empty()) {
    throw std::runtime_error("cluster " + command + " needs SAMSAG_KAFKA_CLUSTER_DIR");
  }
  ChildProcess script({std::string(SAMSAG_SOURCE_DIR) + "/tools/kafka/cluster", command, "--dir",
                       directory, "--node", std::to_string(node)});
  // restart waits up to the script's start timeout (180 s) for the node's metadata.
  const auto output = script.read_all(240s);
  const auto code = output ? script.wait_for_exit(10s) : std::nullopt;
  if (code != 0) {
    throw std::runtime_error("tools/kafka/cluster " + command + " --node " + std::to_string(node) +
                             " failed: " + output.value_or("(no answer)"));
  }
}

}  // namespace

void ApacheKafka::kill_node(int node) const { run_cluster_script("kill", directory_, node); }

void ApacheKafka::restart_node(int node) const { run_cluster_script("restart", directory_, node); }

std::string unique_name(const std::string& prefix) {
  std::random_device random;
  std::string name = prefix;
  for (int i = 0; i < 10; ++i) name.push_back(static_cast<char>('a' + random() % 26));
  return name;
}

}  // namespace samsag::testing
