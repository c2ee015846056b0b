#include "tests/support/broker_process.h"

#include <stdexcept>

namespace samsag::testing {
namespace {

// Generous for a loaded 2-core CI machine; a healthy start takes well under a second.
constexpr std::chrono::seconds kReadyTimeout{20};
constexpr std::chrono::seconds kStopTimeout{10};

std::vector<std::string> broker_argv(const BrokerProcess::Options& options) {
  std::vector<std::string> argv{samsag_binary(), "broker",    "--listen",
                                "127.0.0.1:0",   "--brokers", std::to_string(options.brokers)};
  if (!options.config_path.empty()) {
    argv.insert(argv.end(), {"-c", options.config_path});
  }
  for (const auto& [name, partitions] : options.topics) {
    argv.insert(argv.end(), {"--topic", name + ":" + std::to_string(partitions)});
  }
  if (options.control_port != 0) {
    argv.insert(argv.end(), {"--control", "127.0.0.1:" + std::to_string(options.control_port)});
  }
  return argv;
}

// The value of `key=` in the ready line, e.g. "bootstrap" in "ready bootstrap=127.0.0.1:9092 ...".
std::string field(const std::string& line, const std::string& key) {
  const auto start = line.find(" " + key + "=");
  if (start == std::string::npos) {
    return {};
  }
  const auto value = start + key.size() + 2;
  return line.substr(value, line.find(' ', value) - value);
}

}  // namespace

BrokerProcess::BrokerProcess(const Options& options)
    : process_(std::make_unique<ChildProcess>(broker_argv(options))) {
  const auto ready = process_->wait_for_line_starting_with("ready ", kReadyTimeout);
  if (!ready) {
    const auto exit_code = process_->terminate(std::chrono::seconds(1));
    throw std::runtime_error(
        "samsag broker printed no ready line within 20 s" +
        (exit_code ? " and exited with code " + std::to_string(*exit_code) : std::string()) +
        " (its stderr is above)");
  }
  bootstrap_ = field(*ready, "bootstrap");
  if (bootstrap_.empty()) {
    throw std::runtime_error("samsag broker's ready line has no bootstrap=: " + *ready);
  }
}

BrokerProcess::~BrokerProcess() {
  if (process_) {
    process_->terminate(kStopTimeout);
  }
}

}  // namespace samsag::testing
