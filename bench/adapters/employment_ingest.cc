// Employment: kcat -P with the raw lines against the employment adapter with the same files.
// Records are counted by high watermark: `samsag broker` keeps only the newest 5 MiB of each
// partition, so a million records are appended but not all kept.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "bench/adapters/ingest_paths.h"
#include "tests/support/topic_reader.h"

namespace samsag::bench {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The data lines of every file (headers and byte order marks left out), one per line: what kcat
// sends, one message per row.
fs::path write_raw_rows(const std::vector<fs::path>& files, const fs::path& into) {
  std::ofstream out(into, std::ios::binary);
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) out << line << '\n';
    }
  }
  if (!out) throw std::runtime_error("cannot write " + into.string());
  return into;
}

Measurement measure_kcat(BenchCluster& cluster, const fs::path& raw_rows, std::int64_t rows,
                         const std::string& topic) {
  // The same delivery guarantee the adapter runs with: idempotence and acks=all.
  std::vector<std::string> argv{"kcat",
                                "-P",
                                "-q",
                                "-b",
                                cluster.bootstrap(),
                                "-t",
                                topic,
                                "-X",
                                "enable.idempotence=true",
                                "-X",
                                "acks=all"};
  for (const auto& [name, value] : cluster.kafka_properties()) {
    argv.emplace_back("-X");
    argv.push_back(name);
    argv.back().append("=").append(value);
  }
  argv.insert(argv.end(), {"-l", raw_rows.string()});
  const TimedRun run = run_timed(argv);
  Measurement measured{"kcat -P raw CSV lines -> " + cluster.sink(), rows, run.seconds,
                       run.cpu_seconds};
  const auto landed = testing::TopicReader(cluster.bootstrap()).appended(topic);
  measured.ok = run.exit_code == 0 && landed == rows;
  if (!measured.ok) {
    std::cerr << "kcat exited " << run.exit_code << "; " << landed << " of " << rows
              << " records landed\n";
  }
  return measured;
}

Measurement measure_adapter(BenchCluster& cluster, const std::vector<fs::path>& files,
                            std::int64_t rows) {
  const fs::path& spool = cluster.deployment().spool_directory();
  auto adapter = cluster.start_adapter("employment");
  // Copied under hidden names first, so the clock covers ingesting, not copying.
  std::vector<std::pair<fs::path, fs::path>> renames;
  for (const auto& file : files) {
    const fs::path hidden = spool / ("." + file.filename().string() + ".tmp");
    fs::copy_file(file, hidden, fs::copy_options::overwrite_existing);
    renames.emplace_back(hidden, spool / file.filename());
  }
  const double cpu_before = cpu_seconds_of(adapter->pid());
  const auto started = Clock::now();
  for (const auto& [from, to] : renames) fs::rename(from, to);
  const bool done = adapter->wait_for_logs("spool file processed", files.size(), 3600s);
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const double cpu = cpu_seconds_of(adapter->pid()) - cpu_before;
  Measurement measured{"samsag adapter employment (spool) -> " + cluster.sink(), rows, seconds,
                       cpu};
  const auto landed =
      testing::TopicReader(cluster.bootstrap()).appended(cluster.deployment().topic("employment"));
  measured.ok = done && landed == rows;
  if (!measured.ok) {
    std::cerr << "employment adapter: " << (done ? "done" : "NOT done") << "; " << landed << " of "
              << rows << " events landed\n";
  }
  (void)adapter->terminate(30s);
  return measured;
}

// Kafka's own kafka-producer-perf-test (ProducerPerformance, Java) sending `rows` records picked
// from the same raw lines (--payload-file: same record sizes), with the adapter's guarantees. The
// clock covers the whole JVM run, as kcat's covers kcat's.
Measurement measure_perf_test(BenchCluster& cluster, const fs::path& raw_rows, std::int64_t rows,
                              const std::string& topic, const fs::path& kafka_jars) {
  std::vector<std::string> argv{"java", "-Xmx512m"};
  // tools/kafka/cluster writes it beside the jars: warnings only, to stderr.
  if (const auto log4j = kafka_jars.parent_path() / "tools-log4j.properties"; fs::exists(log4j)) {
    argv.push_back("-Dlog4j.configuration=file:" + log4j.string());
  }
  argv.insert(argv.end(),
              {"-cp", (kafka_jars / "*").string(), "org.apache.kafka.tools.ProducerPerformance",
               "--topic", topic, "--num-records", std::to_string(rows), "--payload-file",
               raw_rows.string(), "--throughput", "-1", "--producer-props",
               "bootstrap.servers=" + cluster.bootstrap(), "acks=all", "enable.idempotence=true"});
  for (const auto& [name, value] : cluster.kafka_properties()) {
    argv.push_back(name);
    argv.back().append("=").append(value);
  }
  const fs::path output = raw_rows.parent_path() / "perf-test.txt";
  const TimedRun run = run_timed(argv, output);
  Measurement measured{"kafka-producer-perf-test (Java) same lines -> " + cluster.sink(), rows,
                       run.seconds, run.cpu_seconds};
  const auto landed = testing::TopicReader(cluster.bootstrap()).appended(topic);
  measured.ok = run.exit_code == 0 && landed == rows;
  // Its own summary (the last line; rate without the JVM's start), for the reader.
  std::ifstream in(output);
  std::string summary;
  for (std::string line; std::getline(in, line);) {
    if (line.find("records sent") != std::string::npos) summary = line;
  }
  std::printf("kafka-producer-perf-test says: %s\n", summary.c_str());
  if (!measured.ok) {
    std::cerr << "kafka-producer-perf-test exited " << run.exit_code << "; " << landed << " of "
              << rows << " records landed\n";
  }
  return measured;
}

}  // namespace

std::vector<Measurement> measure_employment(BenchCluster& cluster, const GenFiles& gen,
                                            const std::string& raw_topic,
                                            const EmploymentBaselines& baselines) {
  const auto files = gen.files("employment");
  const auto rows = gen.records("employment");
  const fs::path raw_rows =
      write_raw_rows(files, cluster.deployment().options().directory / "employment-rows.txt");
  std::vector<Measurement> measured;
  measured.push_back(measure_kcat(cluster, raw_rows, rows, raw_topic));
  measured.push_back(measure_adapter(cluster, files, rows));
  if (!baselines.kafka_jars.empty()) {
    measured.push_back(measure_perf_test(cluster, raw_rows, rows, baselines.perf_test_topic,
                                         baselines.kafka_jars));
  }
  fs::remove(raw_rows);
  return measured;
}

}  // namespace samsag::bench
