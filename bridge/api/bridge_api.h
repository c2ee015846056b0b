// The coordinator API as `samsag bridge` runs it: built from the municipality's config (the JWKS
// and roles of bridge.auth, the pseudonymisation key, the audit, plan and consent topics), with
// its own idempotent producer, serving on bridge.api_listen (or an override).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "bridge/api/api_server.h"
#include "bridge/cluster/ownership.h"
#include "bridge/store/case_store.h"
#include "core/base/result.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::bridge::api {

struct BridgeApiOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string instance_id;  // names the API's Kafka client
  std::int32_t partitions = 1;
  const CaseStore* cases = nullptr;
  // Null for a single instance.
  const Ownership* ownership = nullptr;
  Forwarder* forwarder = nullptr;
  // ApiDependencies::cases_restored: false while the loop restores its partitions.
  std::function<bool()> cases_restored;
};

// The longest wait for Kafka's acknowledgement of an audit record or an event: the config's
// delivery timeout when it is shorter, else 5 s (a person is waiting for the answer).
std::chrono::milliseconds ack_timeout(const samsag::config::v1::Config& config);

class BridgeApi {
 public:
  // Errors: JWKS_UNREADABLE, JWKS_INVALID, KEY_FILE_UNREADABLE, KEY_TOO_SHORT,
  // INVALID_KAFKA_SETTINGS, HTTP_LISTEN_FAILED, HTTP_TLS_INVALID.
  static Result<std::unique_ptr<BridgeApi>> start(const samsag::config::v1::Config& config,
                                                  const BridgeApiOptions& options);
  ~BridgeApi();  // stop()

  std::uint16_t port() const;
  // Stops serving, answers what waits, flushes the producer. Idempotent.
  void stop();

  struct Parts;

 private:
  explicit BridgeApi(std::unique_ptr<Parts> parts);
  std::unique_ptr<Parts> parts_;
};

}  // namespace samsag::bridge::api
