// The measured paths of the adapter ingest benchmark (bench/adapters/README.md): each pair runs
// the same input in the same run, once through a samsag adapter and once through a baseline that
// only moves bytes.
#pragma once

#include <vector>

#include "bench/adapters/bench_environment.h"

namespace samsag::bench {

// `kcat -P` producing the employment files' lines raw to the broker, then the employment adapter
// ingesting the same files from its spool directory into the same broker.
std::vector<Measurement> measure_employment(BenchCluster& cluster, const GenFiles& gen,
                                            const std::string& raw_topic);

// The health bundles posted to a do-nothing endpoint of samsag's HTTP server (answers 202 at
// once), then to the health adapter, with the same client and the same number of connections.
std::vector<Measurement> measure_fhir(BenchCluster& cluster, const GenFiles& gen, int connections);

}  // namespace samsag::bench
