// This instance's part in the members topic {m}.members.v1 (bridge/api/README.md): it publishes
// which partitions it owns and where its API answers, and tails every instance's records into a
// MemberTable, so the API can tell which instance owns a citizen's case. One thread of its own;
// every public member may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bridge/cluster/ownership.h"
#include "core/base/result.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::bridge {

struct MemberDirectoryOptions {
  samsag::config::v1::Kafka kafka;
  std::string topic;        // {m}.members.v1
  std::string instance_id;  // --instance-id: the record's key
  // The partition count of the inputs and the case topic (BridgeLoop::partitions()).
  std::int32_t partitions = 1;
  // A live instance writes its record at least this often; a record not renewed for
  // `heartbeats_until_stale` intervals is a crashed instance's and no longer counts.
  std::chrono::milliseconds heartbeat_interval{30'000};
  int heartbeats_until_stale = 3;
  // The wall clock of claims (assigned_at, expires_at) and of their expiry; tests move it.
  std::function<std::chrono::system_clock::time_point()> wall_clock = [] {
    return std::chrono::system_clock::now();
  };
};

class MemberDirectory final : public Ownership {
 public:
  // Creates the Kafka clients and starts tailing the topic from its beginning; publishes nothing
  // before advertise(). A missing topic is retried in the background (logged as an error: until
  // it exists no request is forwarded). Error: INVALID_KAFKA_SETTINGS.
  static Result<std::unique_ptr<MemberDirectory>> start(MemberDirectoryOptions options);
  ~MemberDirectory() override;  // stop()
  MemberDirectory(const MemberDirectory&) = delete;
  MemberDirectory& operator=(const MemberDirectory&) = delete;

  // Publishes, from now on, that this instance answers at `api_url` ("http://host:port").
  void advertise(std::string api_url);
  // The partitions the loop owns now (BridgeOptions::on_assignment); published at once.
  void set_owned(const std::vector<std::int32_t>& owned);
  // Publishes an empty assignment, waits for it (a few seconds at most) and stops. Idempotent.
  void stop();

  std::int32_t partition_of(const std::string& pseudonym) const override;
  bool owns(std::int32_t partition) const override;
  std::optional<std::string> owner_address(std::int32_t partition) const override;

  class Impl;

 private:
  explicit MemberDirectory(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The URL peers forward to: "http://" + `advertised` (bridge.advertised_api as "host:port"; empty
// when it merely repeats api_listen), or else the API's listen host with its bound port. A
// wildcard host (0.0.0.0, ::, empty) becomes `host_name`, since no peer can connect to it.
// Error: INVALID_ADDRESS.
Result<std::string> advertised_api_url(std::string_view advertised, std::string_view listen_host,
                                       std::uint16_t bound_port, std::string_view host_name);

}  // namespace samsag::bridge
