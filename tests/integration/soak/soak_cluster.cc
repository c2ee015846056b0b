#include "tests/integration/soak/soak_cluster.h"

#include <fstream>
#include <stdexcept>

#include "core/auth/jwt.h"
#include "core/config/config.h"

namespace samsag::soak {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::size_t kKeptLines = 40;

// The bridge's part of the shared config, and the identity provider's keys it verifies tokens
// with (the soak reads cases from the case topic, not through the API).
std::string bridge_section(const fs::path& directory) {
  auto key = auth::SigningKey::generate(auth::Algorithm::kEs256, "soak-1");
  if (!key) throw std::runtime_error("signing key: " + key.error().message);
  std::ofstream(directory / "jwks.json") << auth::jwks_json({&*key});
  return "bridge:\n  state_dir: state\n  api_listen: 127.0.0.1:1\n  admin_listen: 127.0.0.1:2\n"
         "  auth:\n    jwks_file: jwks.json\n    issuer: https://login.soak.invalid\n"
         "    audience: samsag-soak\n    coordinator_role: coordinator\n"
         "    supervisor_role: supervisor\n";
}

testing::AdapterDeploymentOptions deployment_options(const fs::path& directory, int partitions) {
  return {.directory = directory,
          .slug = "soak",
          .partitions = partitions,
          // A killed bridge leaves the group within seconds, as in the bridge's crash tests.
          .kafka_properties = {{"session.timeout.ms", "3000"}, {"heartbeat.interval.ms", "300"}},
          // Consent is not what the soak is about: every accepted record must reach its case.
          .consent_required = false,
          .extra_yaml = bridge_section(directory)};
}

samsag::config::v1::Config load(const fs::path& path) {
  auto loaded = config::load_config(path.string());
  if (!loaded.ok()) {
    std::string problems;
    for (const auto& problem : loaded.problems) problems += problem.to_string() + "\n";
    throw std::runtime_error("the soak config is invalid:\n" + problems);
  }
  return loaded.config;
}

bool is_bridge(const std::string& target) { return target.starts_with("bridge-"); }

}  // namespace

// --- BridgeChild -------------------------------------------------------------------------------

BridgeChild::BridgeChild(const fs::path& config, const fs::path& state_dir,
                         const std::string& instance)
    : process_({testing::samsag_binary(), "bridge", "-c", config.string(), "--state-dir",
                state_dir.string(), "--admin-listen", "127.0.0.1:0", "--api-listen", "127.0.0.1:0",
                "--instance-id", instance}),
      reader_([this] { drain(); }) {}

BridgeChild::~BridgeChild() {
  process_.kill();  // closes its stdout, which ends the reader
  reader_.join();
}

void BridgeChild::drain() {
  while (true) {
    const auto asked = std::chrono::steady_clock::now();
    auto line = process_.read_line(200ms);
    if (!line) {
      // read_line gives up before its timeout only when stdout has reached its end.
      if (std::chrono::steady_clock::now() - asked < 200ms) return;
      continue;
    }
    std::lock_guard lock(mutex_);
    lines_.push_back(std::move(*line));
    if (lines_.size() > 2 * kKeptLines) lines_.erase(lines_.begin(), lines_.end() - kKeptLines);
  }
}

void BridgeChild::kill() { process_.kill(); }

std::optional<int> BridgeChild::terminate(std::chrono::milliseconds timeout) {
  return process_.terminate(timeout);
}

std::vector<std::string> BridgeChild::last_lines() const {
  std::lock_guard lock(mutex_);
  const auto from = lines_.size() > kKeptLines ? lines_.end() - kKeptLines : lines_.begin();
  return {from, lines_.end()};
}

// --- SoakCluster -------------------------------------------------------------------------------

SoakCluster::SoakCluster(const fs::path& directory, int partitions)
    : directory_(directory), deployment_(deployment_options(directory, partitions)) {
  const auto for_broker = deployment_.write_config("");
  broker_ = std::make_unique<testing::BrokerProcess>(
      testing::BrokerProcess::Options{.config_path = for_broker.string()});
  config_ = load(deployment_.write_config(broker_->bootstrap()));
}

SoakCluster::~SoakCluster() = default;

const std::vector<std::string>& SoakCluster::targets() {
  static const std::vector<std::string> all{"employment", "social",   "health",
                                            "region",     "bridge-a", "bridge-b"};
  return all;
}

std::string SoakCluster::kind_of(const std::string& target) {
  return is_bridge(target) ? "bridge" : "adapter " + target;
}

void SoakCluster::start(const std::string& target) {
  if (is_bridge(target)) {
    const std::string instance = target.substr(7);
    bridges_[target] = std::make_unique<BridgeChild>(deployment_.config_path(),
                                                     directory_ / ("state-" + instance), instance);
  } else {
    adapters_[target] = std::make_unique<testing::AdapterProcess>(deployment_, target);
  }
}

void SoakCluster::start_all() {
  for (const auto& target : targets()) start(target);
  for (auto& [name, adapter] : adapters_) {
    if (!adapter->wait_ready(60s)) throw std::runtime_error("adapter " + name + " is not ready");
  }
}

void SoakCluster::kill_and_restart(const std::string& target) {
  if (is_bridge(target)) {
    bridges_.at(target)->kill();
  } else {
    adapters_.at(target)->kill();
  }
  start(target);
}

std::vector<std::string> SoakCluster::stop_all() {
  std::vector<std::string> failed;
  for (auto& [name, adapter] : adapters_) {
    if (adapter->terminate(30s) != 0) failed.push_back(name);
  }
  for (auto& [name, bridge] : bridges_) {
    if (bridge->terminate(30s) != 0) failed.push_back(name);
  }
  return failed;
}

std::string SoakCluster::recent_logs() const {
  std::string text;
  for (const auto& [name, adapter] : adapters_) {
    const auto lines = adapter->log_lines();
    const auto from = lines.size() > kKeptLines ? lines.end() - kKeptLines : lines.begin();
    for (auto line = from; line != lines.end(); ++line) text += name + "| " + *line + "\n";
  }
  for (const auto& [name, bridge] : bridges_) {
    for (const auto& line : bridge->last_lines()) text += name + "| " + line + "\n";
  }
  return text;
}

}  // namespace samsag::soak
