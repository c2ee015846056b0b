// The Kafka Streams peer of the bridge benchmark (bench/peers/kstreams, Java, exactly_once_v2) as
// a child process: what a Kafka team would write instead of `samsag bridge`, on the same input.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "bench/adapters/bench_environment.h"

namespace samsag::bench {

struct KStreamsPeerRun {
  std::string classpath;  // the peer's classes and jars (tools/bench-kafka builds them)
  std::string bootstrap;
  std::vector<std::string> inputs;
  std::string output_topic;
  std::string application_id;  // also its consumer group and transactional id prefix
  std::filesystem::path state_dir;
  std::int64_t expected = 0;  // input records it must see
  int citizens = 0;           // distinct keys the output topic must hold afterwards
};

// Starts the peer and times it from its launch (JVM start included, as the bridge's clock
// includes its start) until it has seen every expected input record and committed the offsets
// after them (in its transactions); then lets it close and checks that the output topic,
// read_committed, holds one or more records for exactly `citizens` keys. Throws std::runtime_error
// when the JVM cannot start.
Measurement run_kstreams_peer(const KStreamsPeerRun& run);

}  // namespace samsag::bench
