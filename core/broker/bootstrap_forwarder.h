// The bootstrap listener of the embedded broker: a TCP listener on a fixed address (by default
// 127.0.0.1:9092) that relays each accepted connection, byte for byte, to one of the mock brokers.
// Kafka clients only bootstrap through it: the Metadata response they get names the mock brokers'
// own addresses, and they connect to those directly afterwards. It never parses Kafka requests.
#pragma once

#include <memory>
#include <vector>

#include "core/base/result.h"
#include "core/config/host_port.h"

namespace samsag::broker {

class BootstrapForwarder {
 public:
  // Listens on `listen` (port 0 takes a free port) and relays each connection to the targets, the
  // first target rotating per connection so bootstrap load spreads; a target that refuses is
  // skipped for the next. Runs on its own thread. Errors: LISTEN_FAILED, INVALID_ENDPOINT.
  static Result<std::unique_ptr<BootstrapForwarder>> start(
      const config::HostPort& listen, const std::vector<config::HostPort>& targets);
  // Stops accepting, closes every relayed connection and joins the thread.
  ~BootstrapForwarder();
  BootstrapForwarder(const BootstrapForwarder&) = delete;
  BootstrapForwarder& operator=(const BootstrapForwarder&) = delete;

  // The address actually bound (with the chosen port when `listen` had port 0).
  const config::HostPort& listening_on() const { return listening_on_; }

 private:
  class Relay;
  struct Impl;  // Boost.Asio lives in the .cc only
  BootstrapForwarder(std::unique_ptr<Impl> impl, config::HostPort listening_on);

  std::unique_ptr<Impl> impl_;
  config::HostPort listening_on_;
};

}  // namespace samsag::broker
