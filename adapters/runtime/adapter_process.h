// What `samsag adapter NAME -c CONFIG` runs, for any kind of adapter: the shared runtime around
// one AdapterSource. It loads the pseudonymisation key, connects the idempotent producer, serves
// /healthz, /readyz and /metrics on the adapter's admin address, starts the source, and on
// SIGTERM stops the source, lets Kafka confirm what is in flight, and exits 0.
#pragma once

#include <functional>
#include <memory>

#include "adapters/runtime/adapter_source.h"
#include "adapters/runtime/publisher.h"
#include "core/privacy/pseudonymiser.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::adapters {

// Makes the source for an adapter of a given kind (the CLI knows every kind).
using SourceFactory = std::function<std::unique_ptr<AdapterSource>(
    const samsag::config::v1::Config& config, const samsag::config::v1::Adapter& adapter)>;

// Runs until SIGTERM/SIGINT; returns the process exit code (0 after a graceful stop, 1 when it
// could not start). Call after block_shutdown_signals().
int run_adapter(const samsag::config::v1::Config& config,
                const samsag::config::v1::Adapter& adapter, const SourceFactory& make_source);

// The sector an adapter kind writes to.
samsag::v1::Sector sector_of(samsag::config::v1::AdapterKind kind);

// Where adapter `adapter` of `config` publishes and how it fills the envelope: what the adapter
// process runs with, and what `samsag dlq replay` uses so a replayed record becomes the same
// event. `pseudonymiser` must outlive the Target.
Publisher::Target publisher_target(const samsag::config::v1::Config& config,
                                   const samsag::config::v1::Adapter& adapter,
                                   const samsag::privacy::Pseudonymiser& pseudonymiser);

// "employment", "social", "health", "region": the sector label of the adapter's metrics.
std::string sector_label(samsag::v1::Sector sector);

}  // namespace samsag::adapters
