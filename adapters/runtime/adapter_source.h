// The seam between the adapter runtime and one kind of source, in the shape of Fluent Bit's input
// plugins: the runtime owns Kafka, pseudonymisation, metrics, health and shutdown; a source owns
// how records arrive (a spool directory, an HTTP endpoint) and hands them to the Publisher.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "adapters/runtime/adapter_metrics.h"
#include "adapters/runtime/publisher.h"
#include "core/base/result.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::adapters {

// What a source may use while it runs. Outlives the source.
struct SourceEnvironment {
  const samsag::config::v1::Config& config;
  const samsag::config::v1::Adapter& adapter;
  Publisher& publisher;
  AdapterMetrics& metrics;
  // Reports whether the source itself can take input (a readable spool directory, a bound port).
  std::function<void(bool ready, const std::string& why)> set_source_ready;
};

class AdapterSource {
 public:
  virtual ~AdapterSource() = default;
  // Starts taking input on the source's own threads and returns. Errors end the process at
  // start-up with a clear message (a port in use, a missing spool directory).
  virtual Status start(SourceEnvironment& environment) = 0;
  // Graceful shutdown: stop taking input, answer or checkpoint what is in flight once Kafka has
  // confirmed it (or give up on it unacknowledged, so the source sends it again), then return.
  virtual void stop() = 0;
  // A line for the start-up log and `samsag up`: the source's address or directory.
  virtual std::string describe() const = 0;
};

}  // namespace samsag::adapters
