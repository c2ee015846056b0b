// The bridge benchmark's input: a deployment config for `samsag broker` and `samsag bridge`, and
// synthetic canonical events for N citizens produced the way adapters produce them (keyed by
// pseudonym, idempotent producer), so every citizen's events share a partition number.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "samsag/config/v1/config.pb.h"

namespace samsag::bench {

// Writes bench.yaml (and the bridge's secrets) into `directory` for a broker at `bootstrap` (""
// before the broker runs: it reads only the topics), for municipality `slug`. Returns its path.
std::filesystem::path write_bench_config(const std::filesystem::path& directory,
                                         const std::string& bootstrap, int partitions,
                                         const std::string& slug = "bench");

// The config's Kafka section without its consumer-group timeouts, which a producer only warns
// about.
config::v1::Kafka producer_kafka(const config::v1::Config& config);

struct ProducedEvents {
  std::int64_t events = 0;
  std::vector<std::string> inputs;  // the bridge's input topics
  std::int64_t dropped = 0;         // records the broker no longer holds (low watermarks)
};

// Per citizen: a consent grant for every consent-gated sector, then seven sector and plan events
// (employment, social, health, region, plan); only the first `per_citizen` (1-8) of these eight,
// for smaller cases. Waits for Kafka's confirmation of all of them.
ProducedEvents produce_events(const config::v1::Config& config, int citizens, int per_citizen = 8);

// Records of the case topic the broker no longer holds (the sum of its low watermarks).
std::int64_t case_topic_dropped(const config::v1::Config& config);

}  // namespace samsag::bench
