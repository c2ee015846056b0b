// What both adapter ingest benchmarks need: `samsag gen` output, a `samsag broker` with a
// deployment of the adapters pointing at it, wall-clock and CPU time of child processes, and
// one row of the result table.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/adapter_process.h"
#include "tests/support/broker_process.h"

namespace samsag::bench {

using Clock = std::chrono::steady_clock;

struct GenArguments {
  int citizens = 100;
  std::optional<std::int64_t> employment_rows{};
};

struct GenFiles {
  std::filesystem::path directory;
  boost::json::value manifest;

  std::int64_t records(const std::string& sector) const;
  std::vector<std::filesystem::path> files(const std::string& sector) const;
};

// Runs `samsag gen` into `directory`; throws std::runtime_error when it fails.
GenFiles run_gen(const std::filesystem::path& directory, const GenArguments& arguments);

// A municipality slug no earlier run on the same cluster used ("{prefix}-{random hex}"): on a
// real Kafka the topics outlive the run, and a second run must not count the first one's records.
std::string fresh_slug(const std::string& prefix);

// On an existing Kafka cluster (real Apache Kafka: it has the Admin API): `samsag topics ensure`
// for the config at `config_path`, plus `extra_topics` (name, partitions) through core/kafka's
// Admin; returns once the cluster lists every one. Throws std::runtime_error when it cannot.
void ensure_topics(const std::string& bootstrap, const std::filesystem::path& config_path,
                   const std::vector<std::pair<std::string, int>>& extra_topics);

// A broker with the deployment's topics plus `extra_topics` (kind, partitions: topic
// "{slug}.{kind}.v1", see topic()), and the deployment's config pointing at it.
class BenchCluster {
 public:
  // `kafka_properties` go into the adapters' config and to kcat alike. `existing_bootstrap`
  // empty: a `samsag broker` of its own; else that cluster (real Kafka), with a fresh slug and
  // the topics made by ensure_topics().
  BenchCluster(const std::filesystem::path& directory,
               std::vector<std::pair<std::string, int>> extra_topics,
               std::map<std::string, std::string> kafka_properties,
               const std::string& existing_bootstrap = {});
  testing::AdapterDeployment& deployment() { return deployment_; }
  const std::map<std::string, std::string>& kafka_properties() const {
    return deployment_.options().kafka_properties;
  }
  const std::string& bootstrap() const { return bootstrap_; }
  // What the records go to, for the table: "broker" (samsag broker) or "Apache Kafka".
  std::string sink() const { return broker_ ? "broker" : "Apache Kafka"; }
  // "{slug}.{kind}.v1": a deployment topic or one of the extra topics.
  std::string topic(const std::string& kind) const { return deployment_.topic(kind); }
  // Starts adapter `name` and waits for /readyz 200; throws when it does not come up.
  std::unique_ptr<testing::AdapterProcess> start_adapter(const std::string& name);

 private:
  testing::AdapterDeployment deployment_;
  std::unique_ptr<testing::BrokerProcess> broker_;  // null on an existing cluster
  std::string bootstrap_;
};

// User + system CPU seconds a running process has used so far (/proc/PID/stat); -1 if unknown.
double cpu_seconds_of(pid_t pid);

// A program run to its end: exit code, wall-clock seconds and the CPU seconds it used (wait4).
struct TimedRun {
  int exit_code = -1;
  double seconds = 0;
  double cpu_seconds = 0;
};
// `stdout_path` not empty: the program's stdout goes to that file.
TimedRun run_timed(const std::vector<std::string>& argv,
                   const std::filesystem::path& stdout_path = {});

// One line of the result table.
struct Measurement {
  std::string path;  // what was measured
  std::int64_t records = 0;
  double seconds = 0;
  double cpu_seconds = -1;  // of the process doing the work; -1 if not measured
  bool ok = true;           // the counts on the topic matched
  double per_second() const { return seconds > 0 ? static_cast<double>(records) / seconds : 0; }
};

}  // namespace samsag::bench
