// `samsag bridge` as a child process of a benchmark, and the Prometheus text it serves: shared by
// the bridge benchmark (bench/bridge) and the end-to-end latency benchmark (bench/latency).
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "tests/support/child_process.h"

namespace samsag::bench {

// The sum of every sample of metric `name` in a Prometheus text exposition (-1: none).
double metric_sum(const std::string& text, const std::string& name);

// `samsag bridge` with its admin endpoint on a known free port; stdout is drained as we poll.
class BridgeProcess {
 public:
  BridgeProcess(const std::filesystem::path& config, const std::filesystem::path& state_dir,
                const std::string& instance);
  ~BridgeProcess();
  BridgeProcess(const BridgeProcess&) = delete;
  BridgeProcess& operator=(const BridgeProcess&) = delete;

  void drain();
  std::string metrics();
  int readyz();
  pid_t pid() const { return process_.pid(); }
  void stop();  // SIGTERM: the bridge commits what it holds before it exits
  bool running();

 private:
  int admin_port_;
  testing::ChildProcess process_;
  bool stopped_ = false;
};

}  // namespace samsag::bench
