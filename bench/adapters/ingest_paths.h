// The measured paths of the adapter ingest benchmark (bench/adapters/README.md): each pair runs
// the same input in the same run, once through a samsag adapter and once through a baseline that
// only moves bytes.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bench/adapters/bench_environment.h"

namespace samsag::bench {

// The optional second baseline of the employment pair, on a real Kafka: Kafka's own
// kafka-producer-perf-test from the jars tools/kafka/cluster resolves (`cluster jars`).
struct EmploymentBaselines {
  std::filesystem::path kafka_jars{};  // empty: no perf-test row
  std::string perf_test_topic{};
};

// `kcat -P` producing the employment files' lines raw to the broker, then the employment adapter
// ingesting the same files from its spool directory into the same broker, then (when
// `baselines` names the jars) kafka-producer-perf-test sending as many of the same lines.
std::vector<Measurement> measure_employment(BenchCluster& cluster, const GenFiles& gen,
                                            const std::string& raw_topic,
                                            const EmploymentBaselines& baselines = {});

// The health bundles posted to a do-nothing endpoint of samsag's HTTP server (answers 202 at
// once), then to the health adapter, with the same client and the same number of connections.
std::vector<Measurement> measure_fhir(BenchCluster& cluster, const GenFiles& gen, int connections);

}  // namespace samsag::bench
