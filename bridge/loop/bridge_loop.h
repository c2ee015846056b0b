// The bridge's exactly-once loop (`samsag bridge`): consumes the four sector topics, consent and
// plan in one consumer group (range assignor, co-partitioned), applies each partition's batches
// through the reducer with consent first, and writes per partition i the changed case snapshots
// and then a checkpoint record to partition i of {m}.case.v1 (DESIGN.md "Delivery and state";
// bridge/README.md). Resumes from the checkpoints on the case topic, keeps the cases in a RocksDB
// store, and rejoins the group after a fenced or fatal Kafka client instead of exiting.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bridge/loop/partition_intake.h"
#include "bridge/loop/readiness.h"
#include "bridge/store/case_store.h"
#include "core/base/result.h"
#include "core/runtime/readiness.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::bridge {

struct BridgeOptions {
  samsag::config::v1::Config config;  // loaded and validated
  std::filesystem::path state_dir;    // bridge.state_dir unless overridden
  // Unique among the bridge instances of a municipality and stable across restarts of one: it
  // names the instance's Kafka client and transactional.id (a restart fences its former self).
  std::string instance_id;
  // How often every owned case is checked for consents past their valid_until.
  std::chrono::milliseconds expire_interval{60'000};
  // Records taken from the consumer before the held batches are looked at.
  std::size_t max_poll_records = 5'000;
  PartitionIntake::Limits intake{};
  // How often consumer lag and the state size are measured.
  std::chrono::milliseconds gauge_interval{10'000};
  // Bounds metadata calls at start and in each round's write.
  std::chrono::milliseconds kafka_timeout{30'000};
  // The process's readiness (/readyz), or null; must outlive the loop. The loop sets the
  // conditions "assigned", "restored" and "caught_up" on it.
  runtime::Readiness* process_readiness = nullptr;
  // Told, on the loop's thread, every partition this instance owns whenever that set changes:
  // once an assignment is restored, after a revocation, and empty when a session ends. The
  // members topic publishes it (bridge/cluster). Must not block; may be empty.
  std::function<void(const std::vector<std::int32_t>& owned)> on_assignment;
};

class BridgeLoop {
 public:
  // Checks the topics (refusing, with NOT_CO_PARTITIONED or TOPICS_MISSING, when the inputs and
  // the case topic are not co-partitioned) and opens the state store. Errors also: TIMED_OUT or
  // BROKER_UNREACHABLE (no cluster answered), STATE_STORE_LOCKED, STATE_STORE_FAILED.
  static Result<std::unique_ptr<BridgeLoop>> create(BridgeOptions options);
  ~BridgeLoop();
  BridgeLoop(const BridgeLoop&) = delete;
  BridgeLoop& operator=(const BridgeLoop&) = delete;

  // Runs until stop(): joins the group, restores assigned partitions, applies batches. Returns
  // ok after a graceful stop (the round in flight finished, the producer flushed, the group
  // left), or an Error when it cannot go on (the assignment broke co-partitioning).
  Status run();
  // Asks run() to finish; from any thread.
  void stop();

  // From any thread.
  BridgeReadiness readiness() const;
  // The number of partitions of every input and of the case topic.
  std::int32_t partitions() const;
  // The cases this instance holds, for the coordinator API.
  const CaseStore& cases() const;

  class Impl;

 private:
  explicit BridgeLoop(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::bridge
