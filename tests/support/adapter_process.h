// `samsag adapter NAME -c CONFIG` for integration tests and benchmarks: a deployment of the four
// adapters written into a scratch directory (config with free loopback ports, a random
// pseudonymisation key, a spool directory) and each adapter run as a child process whose log
// lines are collected as they come, so its stdout pipe never fills.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.h"

namespace samsag::testing {

struct AdapterDeploymentOptions {
  std::filesystem::path directory;  // scratch directory; must exist
  std::string slug = "itest";
  std::uint32_t municipality_code = 751;  // Aarhus, the municipality gen writes by default
  int partitions = 4;
  std::uint32_t delivery_timeout_ms = 30'000;
  std::uint32_t max_body_bytes = 0;  // 0: the default (1 MiB)
  std::uint32_t poll_interval_ms = 100;
  std::string log_level = "info";
  std::map<std::string, std::string> kafka_properties{};
  // kafka.transactions: true, for a bridge sharing the config (extra_yaml) that runs with them.
  bool transactions = false;
  // false: `consent: {}`, so every sector enters a bridge's cases without a consent decision.
  bool consent_required = true;
  // Top-level YAML appended as written, e.g. a `bridge:` section for a bridge sharing the config.
  std::string extra_yaml{};
};

// Adapters "employment" (spool), "social", "health" and "region" (HTTP) of one municipality.
class AdapterDeployment {
 public:
  // Writes secrets/pseudonym.key (32 random bytes) and creates spool/employment; picks ports.
  explicit AdapterDeployment(AdapterDeploymentOptions options);

  // Writes samsag.yaml for a broker at `bootstrap`; empty: a placeholder address, good enough for
  // `samsag broker -c`, which reads only the topics from it. Returns its path.
  std::filesystem::path write_config(const std::string& bootstrap) const;

  const std::filesystem::path& config_path() const { return config_path_; }
  const std::filesystem::path& spool_directory() const { return spool_directory_; }
  const AdapterDeploymentOptions& options() const { return options_; }
  // "{slug}.{kind}.v1", e.g. topic("employment"), topic("dlq").
  std::string topic(const std::string& kind) const;
  // The HTTP port of social, health or region.
  int http_port(const std::string& adapter) const { return http_ports_.at(adapter); }
  int admin_port(const std::string& adapter) const { return admin_ports_.at(adapter); }
  // The bearer token the deployment accepts for social, health or region.
  static std::string token(const std::string& adapter) { return "samsag-itest-" + adapter; }
  // The configured source_system of an adapter.
  static std::string source_system(const std::string& adapter) { return "itest-" + adapter; }

 private:
  AdapterDeploymentOptions options_;
  std::filesystem::path config_path_;
  std::filesystem::path spool_directory_;
  std::map<std::string, int> http_ports_;
  std::map<std::string, int> admin_ports_;
};

class AdapterProcess {
 public:
  // Starts `samsag adapter NAME -c <deployment's config>`.
  AdapterProcess(const AdapterDeployment& deployment, std::string name);
  ~AdapterProcess();  // SIGKILL if still running
  AdapterProcess(const AdapterProcess&) = delete;
  AdapterProcess& operator=(const AdapterProcess&) = delete;

  // Polls GET /readyz until it answers 200; false at the deadline or when the process exits.
  bool wait_ready(std::chrono::milliseconds timeout);
  // The status GET /readyz answers now; 0 when nothing answers.
  int readyz() const;
  // Waits until a log line contains `text` (lines seen earlier count); returns that line.
  std::optional<std::string> wait_for_log(const std::string& text,
                                          std::chrono::milliseconds timeout) const;
  // Waits until `count` log lines contain `text`; false at the deadline or when stdout ends first.
  bool wait_for_logs(const std::string& text, std::size_t count,
                     std::chrono::milliseconds timeout) const;
  // Every stdout line so far.
  std::vector<std::string> log_lines() const;
  // Waits until stdout has ended (the process exited and every line was read); false at the
  // deadline.
  bool wait_for_log_end(std::chrono::milliseconds timeout) const;

  std::optional<int> terminate(std::chrono::milliseconds timeout);
  void kill();
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  pid_t pid() const { return process_->pid(); }

 private:
  void collect();

  std::string name_;
  int admin_port_;
  std::unique_ptr<ChildProcess> process_;
  mutable std::mutex mutex_;
  mutable std::condition_variable logged_;  // a line arrived, or stdout ended
  std::vector<std::string> lines_;
  bool closed_ = false;  // stdout reached its end
  std::thread reader_;
};

// Puts `file` into the spool directory the way FORMAT.md asks a source to: written under a hidden
// temporary name, then renamed to `name` (default: the file's own name).
void drop_into_spool(const std::filesystem::path& file, const std::filesystem::path& spool,
                     const std::string& name = {});

// A scratch directory under the system's temporary directory, removed at the end.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::string& prefix);
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace samsag::testing
