// The processes of one soak run: `samsag broker` (never killed: it is in memory, so killing it
// loses everything by design; broker failover on real Kafka is issue 10's test), the four
// adapters of one deployment and two bridge instances in one consumer group. Any adapter or
// bridge can be SIGKILLed and restarted at once; the config is shared, so a restart binds the
// same ports and reads the same spool, state dir and topics.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "samsag/config/v1/config.pb.h"
#include "tests/support/adapter_process.h"
#include "tests/support/broker_process.h"
#include "tests/support/child_process.h"

namespace samsag::soak {

// `samsag bridge` with its stdout drained on a thread (so the pipe never fills) and its last
// lines kept for a failure report.
class BridgeChild {
 public:
  BridgeChild(const std::filesystem::path& config, const std::filesystem::path& state_dir,
              const std::string& instance);
  ~BridgeChild();  // SIGKILL if it still runs
  BridgeChild(const BridgeChild&) = delete;
  BridgeChild& operator=(const BridgeChild&) = delete;

  void kill();
  std::optional<int> terminate(std::chrono::milliseconds timeout);
  std::vector<std::string> last_lines() const;

 private:
  void drain();

  testing::ChildProcess process_;
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;  // the newest kKeptLines
  std::thread reader_;
};

class SoakCluster {
 public:
  // Writes the deployment into `directory` (which must exist) and starts the broker with its
  // topics, `partitions` each.
  SoakCluster(const std::filesystem::path& directory, int partitions);
  ~SoakCluster();

  const samsag::config::v1::Config& config() const { return config_; }
  const testing::AdapterDeployment& deployment() const { return deployment_; }
  const std::string& bootstrap() const { return broker_->bootstrap(); }

  // What the killer chooses from: "employment", "social", "health", "region", "bridge-a",
  // "bridge-b".
  static const std::vector<std::string>& targets();
  // "adapter employment" ... or "bridge" for both instances: the summary's rows.
  static std::string kind_of(const std::string& target);

  // Starts every adapter and bridge; throws when an adapter does not become ready.
  void start_all();
  // SIGKILL, then the same process again at once.
  void kill_and_restart(const std::string& target);
  // SIGTERM to everything; returns the targets that did not exit 0.
  std::vector<std::string> stop_all();
  // The last log lines of every process, for a failure report.
  std::string recent_logs() const;

 private:
  void start(const std::string& target);

  std::filesystem::path directory_;
  testing::AdapterDeployment deployment_;
  std::unique_ptr<testing::BrokerProcess> broker_;
  samsag::config::v1::Config config_;
  std::map<std::string, std::unique_ptr<testing::AdapterProcess>> adapters_;
  std::map<std::string, std::unique_ptr<BridgeChild>> bridges_;
};

}  // namespace samsag::soak
