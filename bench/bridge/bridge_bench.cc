// The bridge benchmark of issue 5 (a benchmark, not a test): synthetic canonical events for N
// citizens on `samsag broker` (keyed by pseudonym, co-partitioned), consumed in the same run by a
// raw librdkafka consume-then-produce pipe and by `samsag bridge` from an empty state dir; then
// the state dir, RSS and the time a second bridge needs to restore the cases from the case topic.
//
//   bridge_bench [--citizens N] [--partitions N] [--events-per-citizen N] [--smoke]
//                [--bootstrap HOST:PORT [--kstreams-classpath CP]]
//
// --bootstrap runs it on that existing (real Apache Kafka) cluster instead of a `samsag broker`
// of its own, on topics of a fresh municipality slug made by `samsag topics ensure`; there the
// transactions of the raw pipe and the bridge are enforced (markers, read_committed). With
// --kstreams-classpath the Kafka Streams peer (bench/peers/kstreams) runs on the same input too.
// tools/bench-kafka runs it so.
//
// The exit code is non-zero when a path did not see every event or the broker dropped input.
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "bench/adapters/bench_environment.h"
#include "bench/bridge/bridge_events.h"
#include "bench/bridge/bridge_process.h"
#include "bench/bridge/kstreams_peer.h"
#include "core/config/config.h"
#include "core/kafka/consumer.h"
#include "core/kafka/producer.h"
#include "core/kafka/transactional_producer.h"
#include "core/log/log.h"
#include "tests/support/child_process.h"

namespace samsag::bench {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Arguments {
  int citizens = 100'000;
  int partitions = 0;          // 0: 96 on samsag broker (5 MiB each), 16 on a real Kafka
  int events_per_citizen = 8;  // fewer: smaller cases (the 1,000,000-case restore)
  bool smoke = false;
  std::string bootstrap;  // an existing cluster; empty: samsag broker
  std::string kstreams_classpath;
};

bool parse(int argc, char** argv, Arguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
    if (arg == "--citizens") {
      args.citizens = std::stoi(value());
    } else if (arg == "--partitions") {
      args.partitions = std::stoi(value());
    } else if (arg == "--events-per-citizen") {
      args.events_per_citizen = std::stoi(value());
    } else if (arg == "--smoke") {
      args.smoke = true;
    } else if (arg == "--bootstrap") {
      args.bootstrap = value();
    } else if (arg == "--kstreams-classpath") {
      args.kstreams_classpath = value();
    } else {
      std::cerr << "usage: bridge_bench [--citizens N] [--partitions N] [--events-per-citizen N] "
                   "[--smoke] [--bootstrap HOST:PORT [--kstreams-classpath CP]]\n";
      return false;
    }
  }
  if (!args.kstreams_classpath.empty() && args.bootstrap.empty()) {
    std::cerr << "bridge_bench: --kstreams-classpath needs --bootstrap (exactly_once_v2 needs a "
                 "real Kafka)\n";
    return false;
  }
  if (args.partitions == 0) args.partitions = args.bootstrap.empty() ? 96 : 16;
  if (args.smoke) {
    args.citizens = std::min(args.citizens, 200);
    args.partitions = std::min(args.partitions, 4);
  }
  return args.citizens > 0 && args.partitions > 0 && args.partitions <= 512 &&
         args.events_per_citizen >= 1 && args.events_per_citizen <= 8;
}

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::int64_t directory_bytes(const fs::path& directory) {
  std::int64_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    if (entry.is_regular_file()) bytes += static_cast<std::int64_t>(entry.file_size());
  }
  return bytes;
}

// VmHWM (peak) and VmRSS (now) of a process in bytes, from /proc/PID/status.
std::pair<std::int64_t, std::int64_t> memory_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::int64_t peak = -1;
  std::int64_t now = -1;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmHWM:", 0) == 0) peak = std::stoll(line.substr(6)) * 1024;
    if (line.rfind("VmRSS:", 0) == 0) now = std::stoll(line.substr(6)) * 1024;
  }
  return {peak, now};
}

// The raw pipe: consume every input partition from the beginning and produce each record
// unchanged (same key, same partition number) to `out_topic`, with the bridge's transaction
// settings: with transactions on, one transaction per round of up to kRound records (or what
// 100 ms brought), committing the consumed offsets in it. No reduction, no state.
Measurement raw_pipe(const config::v1::Config& config, const std::vector<std::string>& inputs,
                     const std::string& out_topic, std::int64_t expected) {
  constexpr std::int64_t kRound = 5'000;
  const auto started = Clock::now();
  // Per municipality: runs on one real Kafka never share a group or a transactional id.
  const std::string id = "bench-raw-pipe." + config.municipality().slug();
  auto consumer = value_or_throw(kafka::Consumer::create(
      value_or_throw(kafka::KafkaSettings::for_consumer(config.kafka(), id))));
  auto producer = value_or_throw(kafka::TransactionalProducer::create(value_or_throw(
      kafka::KafkaSettings::for_transactional_producer(producer_kafka(config), id))));
  if (auto ready = producer.init(kafka::deadline_in(30s)); !ready) {
    throw std::runtime_error("raw pipe: " + ready.error().message);
  }
  std::vector<kafka::PartitionOffset> assignment;
  for (const auto& topic : inputs) {
    for (int partition = 0; partition < static_cast<int>(config.kafka().partitions());
         ++partition) {
      assignment.push_back({topic, partition, kafka::kOffsetBeginning});
    }
  }
  if (auto assigned = consumer.assign(assignment); !assigned) {
    throw std::runtime_error(assigned.error().message);
  }
  std::int64_t moved = 0;
  bool ok = true;
  std::map<std::pair<std::string, std::int32_t>, std::int64_t> next_offsets;
  auto commit_round = [&] {
    if (!producer.in_transaction()) return;
    std::vector<kafka::PartitionOffset> offsets;
    for (const auto& [where, next] : next_offsets) {
      offsets.push_back({where.first, where.second, next});
    }
    ok = ok && static_cast<bool>(producer.send_offsets(consumer.group_metadata(), offsets,
                                                       kafka::deadline_in(30s)));
    ok = ok && static_cast<bool>(producer.commit(kafka::deadline_in(60s)));
  };
  const auto deadline = Clock::now() + 30min;
  std::int64_t in_round = 0;
  while (moved < expected && Clock::now() < deadline) {
    auto polled = consumer.poll(100ms);
    if (!polled || !*polled) {
      commit_round();
      in_round = 0;
      continue;
    }
    if (!producer.in_transaction() && !producer.begin()) ok = false;
    auto& message = **polled;
    next_offsets[{message.topic, message.partition}] = message.offset + 1;
    (void)producer.produce({.topic = out_topic,
                            .key = std::move(message.key),
                            .value = std::move(message.value),
                            .headers = std::move(message.headers),
                            .partition = message.partition});
    ++moved;
    if (++in_round >= kRound) {
      commit_round();
      in_round = 0;
    }
  }
  commit_round();
  producer.close(kafka::deadline_in(30s));
  (void)consumer.close(kafka::deadline_in(10s));
  return {.path = "raw pipe: Consumer -> TransactionalProducer, no reduction",
          .records = moved,
          .seconds = since(started),
          .ok = ok && moved == expected};
}

struct BridgeRun {
  Measurement throughput;
  std::int64_t state_bytes = 0;
  std::int64_t peak_rss = 0;
  std::int64_t rss = 0;
  double cases = 0;
};

// `samsag bridge` from an empty state dir until its metrics count every input event (the clock
// includes its start); then, untimed, until its consumer lag gauge (updated every few seconds)
// reads zero.
BridgeRun run_bridge(const fs::path& config, const fs::path& state_dir, std::int64_t expected) {
  const auto started = Clock::now();
  BridgeProcess bridge(config, state_dir, "bench-a");
  auto deadline = Clock::now() + 30min;
  double events = 0;
  while (Clock::now() < deadline && bridge.running() && events < static_cast<double>(expected)) {
    events = metric_sum(bridge.metrics(), "samsag_bridge_events_total");
    if (events < static_cast<double>(expected)) {
      std::this_thread::sleep_for(20ms);  // polling interval of the metric
    }
  }
  BridgeRun run;
  run.throughput = {.path = "samsag bridge, empty state dir (incl. start-up)",
                    .records = static_cast<std::int64_t>(events),
                    .seconds = since(started),
                    .cpu_seconds = cpu_seconds_of(bridge.pid())};
  double lag = -1;
  deadline = Clock::now() + 60s;
  while (Clock::now() < deadline && bridge.running() && lag != 0) {
    const auto text = bridge.metrics();
    lag = metric_sum(text, "samsag_bridge_consumer_lag_records");
    run.cases = metric_sum(text, "samsag_bridge_cases_held");
    if (lag != 0) std::this_thread::sleep_for(200ms);  // polling interval of the gauge
  }
  run.throughput.ok = events == static_cast<double>(expected) && lag == 0;
  std::tie(run.peak_rss, run.rss) = memory_of(bridge.pid());
  bridge.stop();  // graceful: the case topic holds every snapshot before the restore starts
  run.state_bytes = directory_bytes(state_dir);
  return run;
}

struct RestoreRun {
  double seconds = 0;
  double records = 0;  // case-topic records read (snapshots, superseded ones, checkpoints)
  double cases = 0;    // cases held afterwards (the gauge, refreshed every few seconds)
};

// A second instance on a new, empty state dir: seconds until /readyz answers 200.
RestoreRun run_restore(const fs::path& config, const fs::path& state_dir, double cases) {
  const auto started = Clock::now();
  BridgeProcess bridge(config, state_dir, "bench-b");
  auto deadline = Clock::now() + 30min;
  while (Clock::now() < deadline && bridge.running() && bridge.readyz() != 200) {
    std::this_thread::sleep_for(20ms);  // polling interval of /readyz
  }
  RestoreRun run{.seconds = since(started)};
  deadline = Clock::now() + 30s;
  while (Clock::now() < deadline && bridge.running() && run.cases != cases) {
    const auto text = bridge.metrics();
    run.records = metric_sum(text, "samsag_bridge_restored_records_total");
    run.cases = metric_sum(text, "samsag_bridge_cases_held");
    if (run.cases != cases) std::this_thread::sleep_for(200ms);  // the gauge's refresh
  }
  bridge.stop();
  return run;
}

void print_row(const Measurement& row, const std::string& ratio) {
  std::printf("| %-58s | %9lld | %8.2f | %9.0f | %6s | %s\n", row.path.c_str(),
              static_cast<long long>(row.records), row.seconds, row.per_second(), ratio.c_str(),
              row.ok ? "" : "FAILED (not everything consumed)");
}

int run(const Arguments& args) {
  (void)samsag::log::init("bench", "warn");
  testing::ScratchDirectory scratch("samsag-bench-bridge");
  const fs::path directory = scratch.path();
  const bool on_broker = args.bootstrap.empty();
  const std::string slug = on_broker ? "bench" : fresh_slug("bench");
  const std::string raw_out = slug + ".raw-out.v1";
  const std::string kstreams_out = slug + ".kstreams-out.v1";
  std::unique_ptr<testing::BrokerProcess> broker;
  std::string bootstrap = args.bootstrap;
  if (on_broker) {
    const auto for_broker = write_bench_config(directory, "", args.partitions, slug);
    broker = std::make_unique<testing::BrokerProcess>(testing::BrokerProcess::Options{
        .config_path = for_broker.string(), .topics = {{raw_out, args.partitions}}});
    bootstrap = broker->bootstrap();
  }
  const auto config_path = write_bench_config(directory, bootstrap, args.partitions, slug);
  if (!on_broker) {
    ensure_topics(bootstrap, config_path,
                  {{raw_out, args.partitions}, {kstreams_out, args.partitions}});
  }
  const auto config = config::load_config(config_path.string());
  if (!config.ok()) throw std::runtime_error("bench config is invalid");

  const auto produced_at = Clock::now();
  const ProducedEvents produced =
      produce_events(config.config, args.citizens, args.events_per_citizen);
  std::printf(
      "samsag bridge benchmark: %d citizens, %lld events on %zu input topics x %d "
      "partitions, produced in %.1f s (%s%s%s)\n",
      args.citizens, static_cast<long long>(produced.events), produced.inputs.size(),
      args.partitions, since(produced_at), args.smoke ? "smoke" : "full",
      on_broker ? ", samsag broker" : ", Apache Kafka at ", on_broker ? "" : bootstrap.c_str());
  if (produced.dropped > 0) {
    std::printf(
        "WARNING: the broker no longer holds %lld input records (5 MiB per partition): "
        "use more --partitions\n",
        static_cast<long long>(produced.dropped));
  }
  std::fflush(stdout);

  const Measurement raw = raw_pipe(config.config, produced.inputs, raw_out, produced.events);
  std::optional<Measurement> peer;
  if (!args.kstreams_classpath.empty()) {
    peer = run_kstreams_peer({.classpath = args.kstreams_classpath,
                              .bootstrap = bootstrap,
                              .inputs = produced.inputs,
                              .output_topic = kstreams_out,
                              .application_id = "bench-kstreams." + slug,
                              .state_dir = directory / "kstreams-state",
                              .expected = produced.events,
                              .citizens = args.citizens});
  }
  const BridgeRun bridge = run_bridge(config_path, directory / "state-a", produced.events);
  const RestoreRun restore = run_restore(config_path, directory / "state-b", bridge.cases);
  const auto case_dropped = case_topic_dropped(config.config);

  std::printf("\n| %-58s | %9s | %8s | %9s | %6s |\n", "path", "events", "seconds", "events/s",
              "vs raw");
  std::printf("|%s|%s|%s|%s|%s|\n", std::string(60, '-').c_str(), std::string(11, '-').c_str(),
              std::string(10, '-').c_str(), std::string(11, '-').c_str(),
              std::string(8, '-').c_str());
  print_row(raw, "1.00");
  auto vs_raw = [&](const Measurement& row) {
    std::array<char, 32> ratio{};
    std::snprintf(ratio.data(), ratio.size(), "%.2f",
                  raw.per_second() > 0 ? row.per_second() / raw.per_second() : 0);
    return std::string(ratio.data());
  };
  if (peer) print_row(*peer, vs_raw(*peer));
  print_row(bridge.throughput, vs_raw(bridge.throughput));
  if (peer && peer->per_second() > 0) {
    std::printf("\nratio: samsag bridge / Kafka Streams peer = %.2f\n",
                bridge.throughput.per_second() / peer->per_second());
  }
  const double per_100k = 100'000.0 / std::max(1.0, bridge.cases);
  std::printf(
      "\nbridge: %.0f cases held, %.1f CPU s; state dir %.1f MiB (%.1f MiB per 100,000 "
      "cases); RSS %.0f MiB at the end, peak %.0f MiB (%.0f MiB per 100,000 cases)\n",
      bridge.cases, bridge.throughput.cpu_seconds,
      static_cast<double>(bridge.state_bytes) / 1048576.0,
      static_cast<double>(bridge.state_bytes) / 1048576.0 * per_100k,
      static_cast<double>(bridge.rss) / 1048576.0, static_cast<double>(bridge.peak_rss) / 1048576.0,
      static_cast<double>(bridge.peak_rss) / 1048576.0 * per_100k);
  std::printf(
      "restore: %.0f cases (%.0f case-topic records) into an empty state dir, ready in "
      "%.2f s (%.2f s per 100,000 cases); case-topic records the broker dropped: %lld\n",
      restore.cases, restore.records, restore.seconds,
      restore.seconds * 100'000.0 / std::max(1.0, restore.cases),
      static_cast<long long>(case_dropped));
  std::printf("\ntarget: bridge >= 0.50 x raw pipe\n");
  const bool ok = raw.ok && bridge.throughput.ok && (!peer || peer->ok) && produced.dropped == 0 &&
                  restore.cases == bridge.cases && case_dropped == 0 &&
                  bridge.cases == args.citizens;
  if (!ok) std::printf("FAILED: a path missed events, input was dropped, or cases differ\n");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace samsag::bench

int main(int argc, char** argv) {
  samsag::bench::Arguments args;
  if (!samsag::bench::parse(argc, argv, args)) return 2;
  try {
    return samsag::bench::run(args);
  } catch (const std::exception& e) {
    std::cerr << "bridge_bench: " << e.what() << "\n";
    return 1;
  }
}
