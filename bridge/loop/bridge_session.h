// One membership of the bridge in its consumer group: the Kafka clients (group consumer, a
// reader for restores, the case-topic writer), the partitions the group gave it and their
// batches. A session ends when the bridge stops, or when a client is fenced or fails fatally;
// the loop then starts a new one, which rejoins and restores (internal to bridge/loop).
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "bridge/loop/bridge_loop.h"
#include "bridge/loop/bridge_metrics.h"
#include "bridge/loop/case_batch.h"
#include "bridge/loop/readiness.h"
#include "bridge/store/state_store.h"
#include "core/base/result.h"
#include "core/config/topics.h"

namespace samsag::bridge {

// What every session of one bridge process shares.
struct BridgeContext {
  const BridgeOptions& options;
  const config::Topics& topics;
  const BatchRules& rules;
  StateStore& store;
  BridgeMetrics& metrics;
  ReadinessState& readiness;
  const std::atomic<bool>& stopping;
  std::string group_id;
  std::string transactional_id;
};

class BridgeSession {
 public:
  // Creates the clients and subscribes; partitions arrive during run(). Errors:
  // INVALID_KAFKA_SETTINGS, and with transactions FENCED or TIMED_OUT from registering the
  // transactional.id.
  static Result<std::unique_ptr<BridgeSession>> start(const BridgeContext& context);
  ~BridgeSession();
  BridgeSession(const BridgeSession&) = delete;
  BridgeSession& operator=(const BridgeSession&) = delete;

  // Polls and applies batches until context.stopping (ok) or until the session cannot go on;
  // the Error then says why: FENCED, FATAL, STATE_STORE_CORRUPT (the store was reset),
  // NOT_CO_PARTITIONED, a restore that failed.
  Status run();
  // Leaves the group: batches already due are written first; what still waits for consent is
  // left to the next owner, which reads it again from the checkpoint. Then flushes the writer.
  void close();

  class Impl;

 private:
  explicit BridgeSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace samsag::bridge
