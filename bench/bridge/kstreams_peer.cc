#include "bench/bridge/kstreams_peer.h"

#include <cstdio>
#include <iostream>
#include <set>

#include "tests/support/child_process.h"
#include "tests/support/topic_reader.h"

namespace samsag::bench {
namespace {

using namespace std::chrono_literals;

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : ",") + part;
  return text;
}

}  // namespace

Measurement run_kstreams_peer(const KStreamsPeerRun& run) {
  const auto started = Clock::now();
  testing::ChildProcess peer({"java", "-Xmx512m", "-cp", run.classpath,
                              "dk.samsag.bench.KStreamsPeer", "--bootstrap", run.bootstrap,
                              "--inputs", joined(run.inputs), "--output", run.output_topic,
                              "--application-id", run.application_id, "--state-dir",
                              run.state_dir.string(), "--expected", std::to_string(run.expected)});
  Measurement measured{.path = "Kafka Streams peer, exactly_once_v2 (incl. JVM start)"};
  // The peer prints "processed N events in S s" once it has seen N >= expected records (or gave
  // up), then "committed ..." once its group's committed offsets reached every input partition's
  // end: the clock stops there, as the bridge's counter counts an event once its round is written.
  const auto processed = peer.wait_for_line_starting_with("processed ", 30min);
  long long seen = 0;
  if (processed) (void)std::sscanf(processed->c_str(), "processed %lld", &seen);
  const auto committed =
      processed ? peer.wait_for_line_starting_with("committed ", 30min) : std::nullopt;
  measured.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  measured.records = seen;
  measured.cpu_seconds = cpu_seconds_of(peer.pid());
  const auto closed = peer.wait_for_line_starting_with("closed ", 120s);
  const auto exit_code = peer.wait_for_exit(30s);
  std::set<std::string> keys;
  for (const auto& message : testing::TopicReader(run.bootstrap).read_all(run.output_topic, 300s)) {
    keys.insert(message.key.value_or(""));
  }
  measured.ok = committed && seen >= run.expected && closed && exit_code == 0 &&
                keys.size() == static_cast<std::size_t>(run.citizens);
  // The peer's own times (seconds since its JVM started), for the reader.
  std::printf("kstreams peer: %s; %s; %s; output topic holds %zu of %d citizens (read_committed)\n",
              processed ? processed->c_str() : "did not process everything",
              committed ? committed->c_str() : "did not commit everything",
              closed ? closed->c_str() : "did not close", keys.size(), run.citizens);
  return measured;
}

}  // namespace samsag::bench
