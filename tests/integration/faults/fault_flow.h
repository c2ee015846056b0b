// What the fault tests share: `samsag broker --control` with one deployment's topics, the social
// adapter (HTTP) and one `samsag bridge` on the same config, a source that posts batches of
// social events and retries each until it is answered 202, the fault endpoints, and the end
// count: every event of a 202 in exactly one case timeline, once, and no event nobody accepted.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "samsag/config/v1/config.pb.h"
#include "tests/integration/bridge/bridge_fixture.h"
#include "tests/support/adapter_process.h"
#include "tests/support/broker_process.h"

namespace samsag::faults {

struct FlowOptions {
  bool transactions = false;  // the bridge's kafka.transactions
  int batches = 40;           // requests the source makes, one after the other
  int events_per_batch = 5;
  int citizens = 12;
  std::chrono::milliseconds pace{100};  // between two accepted requests
  // false: the constructor starts no bridge; start_bridge() does.
  bool start_bridge = true;
  // Not 0: the bridge runs with RLIMIT_FSIZE (soft) at this many bytes and SIGXFSZ ignored, so a
  // write past it fails with EFBIG as on a full disk; raise_bridge_file_size_limit() lifts it.
  // Unlike a read-only directory, this stops root too.
  std::uint64_t bridge_file_size_limit = 0;
};

// What the source saw.
struct SourceCounts {
  int accepted_requests = 0;
  int retried_attempts = 0;           // answered other than 202, or not at all
  std::map<int, int> other_statuses;  // status (0: no answer) -> attempts
};

// The case topic at the end.
struct EndCounts {
  std::map<std::string, int> in_cases;  // event id -> timeline lines across every case
  std::size_t cases = 0;
};

class FaultFlow {
 public:
  // Starts the broker (with its control endpoint), the social adapter and the bridge; waits until
  // both answer /readyz 200. Throws when something does not start.
  explicit FaultFlow(const FlowOptions& options = {});
  ~FaultFlow();
  FaultFlow(const FaultFlow&) = delete;
  FaultFlow& operator=(const FaultFlow&) = delete;

  // POSTs `path_and_query` to the broker's control endpoint; the HTTP status.
  int inject(const std::string& path_and_query);

  // Starts the source on its own thread.
  void start_source();
  // Waits until at least `events` were accepted, reading the bridge's log meanwhile.
  bool wait_for_accepted(std::size_t events, std::chrono::milliseconds timeout);
  // Waits until the source has had every batch accepted.
  bool wait_for_source(std::chrono::milliseconds timeout);
  SourceCounts source_counts() const;
  std::set<std::string> accepted_event_ids() const;

  // Waits until the bridge applied every input record (its checkpoints cover every end offset),
  // then reads the case topic. Throws at the deadline.
  EndCounts end_counts(std::chrono::milliseconds timeout);
  // Empty when every accepted event is in exactly one case once and nothing else is; else what
  // differs (event ids only, never a CPR number).
  std::string count_problems(const EndCounts& end) const;

  bridge::itest::BridgeProcess& bridge() { return *bridge_; }
  testing::AdapterProcess& adapter() { return *adapter_; }
  const samsag::config::v1::Config& config() const { return config_; }
  const std::filesystem::path& directory() const { return scratch_.path(); }
  // The bridge's --state-dir (created by the bridge).
  std::filesystem::path state_dir() const;
  // The config's case topic, "faults.case.v1".
  std::string case_topic() const;
  // Starts the bridge on state_dir() and waits until it is ready. Throws when it is not.
  void start_bridge();
  // Starts another bridge process on state_dir(), not waiting for anything.
  std::unique_ptr<bridge::itest::BridgeProcess> spawn_bridge();
  // Lifts the bridge's RLIMIT_FSIZE to its hard limit: the disk has room again.
  void raise_bridge_file_size_limit();
  // Stops the bridge (SIGTERM) and starts it again on the same state directory, e.g. after the
  // directory was broken and repaired; waits for /readyz 200.
  void restart_bridge();

 private:
  void run_source();
  // Counts an answer to `batch`; true when the source should send it again.
  bool answered(int batch, int status);
  std::string batch_body(int batch) const;

  FlowOptions options_;
  testing::ScratchDirectory scratch_;
  testing::AdapterDeployment deployment_;
  int control_port_ = 0;
  std::unique_ptr<testing::BrokerProcess> broker_;
  samsag::config::v1::Config config_;
  std::unique_ptr<testing::AdapterProcess> adapter_;
  std::unique_ptr<bridge::itest::BridgeProcess> bridge_;
  std::vector<std::string> cprs_;

  mutable std::mutex mutex_;
  SourceCounts counts_;
  std::set<std::string> accepted_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> source_done_{false};
  std::thread source_;
};

}  // namespace samsag::faults
