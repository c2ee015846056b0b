// The soak (issue 8, "Faults"): `samsag broker`, the four adapters and two bridge instances run
// while sources feed the adapters without pause; every 0.5-3 s a random adapter or bridge is
// SIGKILLed and started again. Then the killing stops, everything drains, and the end check
// (end_check.h) must find every accepted record in its citizen's case exactly once.
//
//   soak_driver [--seconds N] [--seed S] [--citizens N] [--partitions N] [--round-ms N]
//
// tools/soak builds and runs it; the ctest SoakShort runs it for about 35 s with a fixed seed.
// Exit code 0: the end check passed; 1: it failed (the failures and recent logs are printed).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <thread>

#include "tests/integration/soak/end_check.h"
#include "tests/integration/soak/soak_cluster.h"
#include "tests/integration/soak/soak_feeder.h"
#include "tests/support/topic_reader.h"

namespace samsag::soak {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Arguments {
  int seconds = 60;
  std::uint64_t seed = 0;  // 0: a random one, printed
  int citizens = 20;       // per round of `samsag gen`
  int partitions = 16;
  int round_ms = 1000;
  bool keep = false;
  bool show_logs = false;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int run(const Arguments& args) {
  const std::uint64_t seed = args.seed != 0 ? args.seed : std::random_device{}();
  std::printf(
      "soak: %d s of kills, seed %llu (--seed replays the choices), %d citizens per round,"
      " a round at most every %d ms, %d partitions\n",
      args.seconds, static_cast<unsigned long long>(seed), args.citizens, args.round_ms,
      args.partitions);
  std::fflush(stdout);
  const auto started = Clock::now();
  if (args.keep) ::setenv("SAMSAG_TEST_KEEP_SCRATCH", "1", 1);  // read by ScratchDirectory
  testing::ScratchDirectory scratch("samsag-soak");
  if (args.keep) std::printf("soak: scratch directory %s is kept\n", scratch.path().c_str());
  // Free ports are picked by binding and releasing them, so two can collide now and then; the
  // config check names it and a new deployment picks again.
  std::unique_ptr<SoakCluster> started_cluster;
  for (int attempt = 1; !started_cluster; ++attempt) {
    const fs::path directory = scratch.path() / ("deployment-" + std::to_string(attempt));
    fs::create_directories(directory);
    try {
      started_cluster = std::make_unique<SoakCluster>(directory, args.partitions);
    } catch (const std::runtime_error& error) {
      if (attempt == 3) throw;
      std::printf("soak: the deployment did not start (%s); again\n", error.what());
    }
  }
  SoakCluster& cluster = *started_cluster;
  const AcceptedEvents oracle(cluster.config());
  cluster.start_all();
  SoakFeeder feeder(cluster.deployment(), oracle,
                    {.directory = scratch.path() / "gen",
                     .citizens_per_round = args.citizens,
                     .seed = seed,
                     .round_period = std::chrono::milliseconds(args.round_ms)});
  feeder.start();

  // Progress during the kills: how far the bridges have written the case topic.
  testing::TopicCounter case_records(cluster.bootstrap(), cluster.deployment().topic("case"));
  std::mt19937_64 random(seed);
  std::map<std::string, int> kills;
  int total_kills = 0;
  const auto kills_end = Clock::now() + std::chrono::seconds(args.seconds);
  while (true) {
    const auto pause =
        std::chrono::milliseconds(std::uniform_int_distribution<int>(500, 3000)(random));
    if (Clock::now() + pause >= kills_end) break;
    // The random moment itself: a deliberate pause, not a wait for something to happen.
    std::this_thread::sleep_for(pause);
    const auto& targets = SoakCluster::targets();
    const std::string& target = targets[random() % targets.size()];
    cluster.kill_and_restart(target);
    ++kills[SoakCluster::kind_of(target)];
    ++total_kills;
    std::printf("soak: kill %d: %s at %.1f s (case topic: %lld records)\n", total_kills,
                target.c_str(), seconds_since(started),
                static_cast<long long>(case_records.count()));
    std::fflush(stdout);
  }
  const double killing_seconds = seconds_since(started);

  // Drain: every request answered, every spool file taken, every input applied.
  std::vector<std::string> failures;
  if (!feeder.finish(180s)) failures.push_back("requests still unanswered after 180 s");
  const auto spool_deadline = Clock::now() + 180s;
  while (!feeder.spool_empty() && Clock::now() < spool_deadline) {
    std::this_thread::sleep_for(100ms);  // polled: the adapter moves files out as it finishes them
  }
  if (!feeder.spool_empty()) failures.push_back("spool files still waiting after 180 s");
  std::printf("soak: kills stopped; every request answered and the spool empty at %.1f s\n",
              seconds_since(started));
  std::fflush(stdout);
  if (!wait_until_applied(cluster.config(), 300s)) {
    failures.push_back("the bridges did not apply every input within 300 s");
  }
  const double drained_seconds = seconds_since(started);
  const Ledger ledger = feeder.ledger();
  for (const auto& surprise : ledger.surprises) failures.push_back(surprise);
  const EndReport report = check_end_state(cluster.config(), cluster.bootstrap(), ledger);
  failures.insert(failures.end(), report.failures.begin(), report.failures.end());
  for (const auto& target : cluster.stop_all()) {
    failures.push_back(target + " did not stop with exit code 0 on SIGTERM");
  }

  std::int64_t accepted = 0;
  for (const auto& [adapter, count] : ledger.accepted_per_adapter) accepted += count;
  std::printf("\nsoak summary (seed %llu)\n", static_cast<unsigned long long>(seed));
  std::printf("  time: %.1f s killing, %.1f s until drained, %.1f s in all\n", killing_seconds,
              drained_seconds - killing_seconds, seconds_since(started));
  std::printf("  kills: %d in all\n", total_kills);
  for (const auto& [kind, count] : kills) std::printf("    %-20s %d\n", kind.c_str(), count);
  std::printf("  fed: %d rounds of gen; %lld records told accepted (", ledger.rounds,
              static_cast<long long>(accepted));
  for (const auto& [adapter, count] : ledger.accepted_per_adapter) {
    std::printf(" %s %lld", adapter.c_str(), static_cast<long long>(count));
  }
  std::printf(" ); %lld requests 202, %lld attempts retried; %zu records bad on purpose\n",
              static_cast<long long>(ledger.requests_accepted),
              static_cast<long long>(ledger.retries), ledger.bad_markers.size());
  std::printf(
      "  topics: %lld sector records (%lld repeats of %lld events), %lld cases from %lld "
      "snapshots, %lld dead letters\n",
      static_cast<long long>(report.sector_records),
      static_cast<long long>(report.sector_records - report.distinct_events),
      static_cast<long long>(report.distinct_events), static_cast<long long>(report.cases),
      static_cast<long long>(report.snapshots), static_cast<long long>(report.dead_letters));
  if (accepted == 0) failures.push_back("nothing was accepted: the soak proved nothing");
  if (args.show_logs) {
    std::fflush(stdout);
    std::cerr << cluster.recent_logs();
  }
  if (failures.empty()) {
    std::printf(
        "  end check: PASSED (every accepted record in its citizen's case exactly once, "
        "cases equal the offline reduction, DLQ holds only the bad records)\n");
    return 0;
  }
  std::printf("  end check: FAILED\n");
  for (const auto& failure : failures) std::printf("    - %s\n", failure.c_str());
  std::fflush(stdout);
  std::cerr << cluster.recent_logs();
  return 1;
}

}  // namespace
}  // namespace samsag::soak

int main(int argc, char** argv) {
  samsag::soak::Arguments args;
  CLI::App app{
      "samsag soak: SIGKILL adapters and bridges at random moments while they are fed; "
      "then check that every accepted record is in its case exactly once"};
  app.add_option("--seconds", args.seconds, "How long to kill (then drain and check)")
      ->check(CLI::Range(5, 7 * 24 * 3600));
  app.add_option("--seed", args.seed,
                 "Seed of the kills' timing and targets and of gen (0: random)");
  app.add_option("--citizens", args.citizens, "Citizens per round of samsag gen")
      ->check(CLI::Range(1, 10'000));
  auto* partitions = app.add_option("--partitions", args.partitions,
                                    "Partitions per topic (default 16; 64 for runs over 5 minutes)")
                         ->check(CLI::Range(1, 256));
  auto* round_ms = app.add_option("--round-ms", args.round_ms,
                                  "At most one round of gen per this many ms (default 1000; 4000 "
                                  "for runs over 5 minutes)")
                       ->check(CLI::Range(0, 600'000));
  app.add_flag("--keep", args.keep, "Keep the scratch directory");
  app.add_flag("--show-logs", args.show_logs,
               "Print the last log lines of every process at the end");
  CLI11_PARSE(app, argc, argv);
  // A long run at the short form's pace would outgrow what `samsag broker` keeps (5 MiB per
  // partition): an hour at these settings stays within it.
  if (args.seconds > 300) {
    if (partitions->count() == 0) args.partitions = 64;
    if (round_ms->count() == 0) args.round_ms = 4000;
  }
  try {
    return samsag::soak::run(args);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "soak: %s\n", error.what());
    return 1;
  }
}
