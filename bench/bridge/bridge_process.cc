#include "bench/bridge/bridge_process.h"

#include <algorithm>
#include <chrono>
#include <sstream>

#include "tests/support/http_client.h"

namespace samsag::bench {

using namespace std::chrono_literals;

double metric_sum(const std::string& text, const std::string& name) {
  std::istringstream lines(text);
  double sum = -1;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name, 0) != 0 || line.size() <= name.size()) continue;
    if (line[name.size()] != ' ' && line[name.size()] != '{') continue;
    const auto space = line.rfind(' ');
    sum = std::max(sum, 0.0) + std::stod(line.substr(space + 1));
  }
  return sum;
}

BridgeProcess::BridgeProcess(const std::filesystem::path& config,
                             const std::filesystem::path& state_dir, const std::string& instance)
    : admin_port_(testing::free_loopback_port()),
      process_({testing::samsag_binary(), "bridge", "-c", config.string(), "--state-dir",
                state_dir.string(), "--admin-listen", "127.0.0.1:" + std::to_string(admin_port_),
                "--api-listen", "127.0.0.1:0", "--instance-id", instance}) {}

BridgeProcess::~BridgeProcess() {
  if (!stopped_) process_.kill();
}

void BridgeProcess::drain() {
  while (process_.read_line(0ms)) {
  }
}

std::string BridgeProcess::metrics() {
  drain();
  return testing::http_get(admin_port_, "/metrics", 2s).body;
}

int BridgeProcess::readyz() {
  drain();
  return testing::http_get(admin_port_, "/readyz", 2s).status;
}

void BridgeProcess::stop() {
  (void)process_.terminate(30s);
  stopped_ = true;
}

bool BridgeProcess::running() { return !process_.wait_for_exit(0ms).has_value(); }

}  // namespace samsag::bench
