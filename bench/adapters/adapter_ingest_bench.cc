// The adapter ingest benchmark of issue 4 (a benchmark, not a test): generated input through the
// employment and health adapters into `samsag broker`, each next to a baseline that only moves
// the same bytes, in the same run. Prints a table; tools/bench-adapters adds the machine.
//
//   adapter_ingest_bench [--rows N] [--citizens N] [--connections N]
//                        [--kafka-property NAME=VALUE]... [--smoke]
//                        [--bootstrap HOST:PORT [--kafka-jars DIR]]
//
// --bootstrap runs the employment pair on that existing (real Apache Kafka) cluster instead of a
// `samsag broker` of its own, on topics of a fresh municipality slug made by `samsag topics
// ensure`; with --kafka-jars (`tools/kafka/cluster jars`) Kafka's own kafka-producer-perf-test
// is a second baseline. tools/bench-kafka runs it so.
//
// --smoke runs a tiny input in seconds and checks only that every path delivered everything (the
// `bench-smoke` ctest); the exit code is non-zero when a path lost or refused records.
#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include "bench/adapters/ingest_paths.h"
#include "core/log/log.h"

namespace samsag::bench {
namespace {

namespace fs = std::filesystem;

struct Arguments {
  std::int64_t rows = 1'000'000;
  int citizens = 0;  // 0: derived from rows
  int connections = 4;
  bool smoke = false;
  std::string bootstrap;  // an existing cluster; empty: samsag broker
  std::string kafka_jars;
  std::map<std::string, std::string> kafka_properties;  // for the adapters and kcat alike
};

bool parse(int argc, char** argv, Arguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--rows") {
      args.rows = std::stoll(value());
    } else if (arg == "--citizens") {
      args.citizens = std::stoi(value());
    } else if (arg == "--connections") {
      args.connections = std::stoi(value());
    } else if (arg == "--kafka-property") {
      const std::string property = value();
      const auto equals = property.find('=');
      if (equals == std::string::npos) return false;
      args.kafka_properties[property.substr(0, equals)] = property.substr(equals + 1);
    } else if (arg == "--smoke") {
      args.smoke = true;
    } else if (arg == "--bootstrap") {
      args.bootstrap = value();
    } else if (arg == "--kafka-jars") {
      args.kafka_jars = value();
    } else {
      std::cerr << "usage: adapter_ingest_bench [--rows N] [--citizens N] [--connections N] "
                   "[--kafka-property NAME=VALUE]... [--smoke] [--bootstrap HOST:PORT "
                   "[--kafka-jars DIR]]\n";
      return false;
    }
  }
  if (args.smoke) {
    args.rows = std::min<std::int64_t>(args.rows, 2000);
    if (args.citizens == 0) args.citizens = 40;
  }
  if (args.citizens == 0)
    args.citizens = static_cast<int>(std::max<std::int64_t>(100, args.rows / 100));
  if (!args.kafka_jars.empty() && args.bootstrap.empty()) {
    std::cerr << "adapter_ingest_bench: --kafka-jars needs --bootstrap (a real Kafka)\n";
    return false;
  }
  return args.rows > 0 && args.citizens > 0 && args.connections > 0;
}

void print_table(const std::vector<Measurement>& rows,
                 const std::vector<std::pair<int, int>>& pairs) {
  std::printf("| %-68s | %9s | %8s | %9s | %12s | %8s |\n", "path", "records", "seconds",
              "records/s", "CPU s (proc)", "vs base");
  std::printf("|%s|%s|%s|%s|%s|%s|\n", std::string(70, '-').c_str(), std::string(11, '-').c_str(),
              std::string(10, '-').c_str(), std::string(11, '-').c_str(),
              std::string(14, '-').c_str(), std::string(10, '-').c_str());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string ratio = "1.00";
    for (const auto& [base, measured] : pairs) {
      if (static_cast<std::size_t>(measured) == i && rows[base].per_second() > 0) {
        std::array<char, 32> text{};
        std::snprintf(text.data(), text.size(), "%.2f",
                      rows[i].per_second() / rows[base].per_second());
        ratio = text.data();
      }
    }
    std::array<char, 32> cpu{"-"};
    if (rows[i].cpu_seconds >= 0) {
      std::snprintf(cpu.data(), cpu.size(), "%.1f", rows[i].cpu_seconds);
    }
    std::printf("| %-68s | %9lld | %8.2f | %9.0f | %12s | %8s |%s\n", rows[i].path.c_str(),
                static_cast<long long>(rows[i].records), rows[i].seconds, rows[i].per_second(),
                cpu.data(), ratio.c_str(), rows[i].ok ? "" : "  FAILED (counts wrong)");
  }
}

int run(const Arguments& args) {
  (void)samsag::log::init("bench", "warn");
  testing::ScratchDirectory scratch("samsag-bench-adapters");
  std::printf("samsag adapter ingest benchmark: %lld employment rows, %d citizens%s%s%s\n",
              static_cast<long long>(args.rows), args.citizens, args.smoke ? " (smoke)" : "",
              args.bootstrap.empty() ? "" : ", on the Kafka cluster at ", args.bootstrap.c_str());
  std::fflush(stdout);
  const auto generated = Clock::now();
  const GenFiles gen =
      run_gen(scratch.path() / "gen", {.citizens = args.citizens, .employment_rows = args.rows});
  std::printf("samsag gen: %.1f s; %zu employment files, %lld health events in %zu bundles\n",
              std::chrono::duration<double>(Clock::now() - generated).count(),
              gen.files("employment").size(), static_cast<long long>(gen.records("health")),
              gen.files("health").size());
  std::fflush(stdout);

  fs::create_directories(scratch.path() / "deployment");
  BenchCluster cluster(scratch.path() / "deployment", {{"kcat-raw", 4}, {"perf-test-raw", 4}},
                       args.kafka_properties, args.bootstrap);
  std::vector<Measurement> rows = measure_employment(
      cluster, gen, cluster.topic("kcat-raw"),
      {.kafka_jars = args.kafka_jars, .perf_test_topic = cluster.topic("perf-test-raw")});
  // On a real Kafka only the employment pair: the FHIR pair measures HTTP, not the broker.
  const bool on_broker = args.bootstrap.empty();
  if (on_broker) {
    for (auto& row : measure_fhir(cluster, gen, args.connections)) rows.push_back(row);
  }

  std::printf("\n");
  print_table(rows, on_broker ? std::vector<std::pair<int, int>>{{0, 1}, {2, 3}}
                              : std::vector<std::pair<int, int>>{{0, 1}, {0, 2}});
  if (!on_broker && rows.size() == 3 && rows[2].per_second() > 0) {
    std::printf("\nratio: samsag adapter employment / kafka-producer-perf-test = %.2f\n",
                rows[1].per_second() / rows[2].per_second());
  }
  std::printf(
      "\ntarget: adapter >= 0.50 x its baseline. 'CPU s (proc)' is the CPU time of the process\n"
      "doing the work (kcat; the adapter), not of the broker or the HTTP client.\n");
  bool ok = true;
  for (const auto& row : rows) ok = ok && row.ok;
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
    std::cerr << "adapter_ingest_bench: " << e.what() << "\n";
    return 1;
  }
}
