// The end-to-end latency benchmark of issue 8 (a benchmark, not a test): social events posted to
// `samsag adapter social` at fixed offered rates (open loop), and the time until each appears in
// its citizen's snapshot on {m}.case.v1, written by `samsag bridge`, all on one `samsag broker`.
//
//   latency_bench [--rates 1000,5000,20000] [--seconds N] [--citizens N] [--partitions N]
//                 [--connections N] [--smoke]
//
// What is timed, per event (one clock, this process's steady clock):
//   accepted -> snapshot: from the 202 of the request that carried the event arriving here, to
//     this process's observer (a consumer of every case-topic partition, polling every 10 ms with
//     fetch.wait.max.ms 5) decoding the first samsag.v1.CitizenCase whose timeline holds the
//     event's id (derived from source system, record id and version, as the adapter does).
//   due -> snapshot: from the time the schedule said to send the request; the same as above plus
//     the request's own time and any delay of a sender falling behind (coordinated omission).
// On `samsag broker` a transaction is not enforced: a snapshot is readable as soon as the bridge
// produced it, before its transaction commits. The commit itself is therefore not in the figure.
//
// The exit code is non-zero when a request was not answered 202 or an accepted event never
// appeared in a snapshot within 60 s.
#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/bridge/bridge_events.h"
#include "bench/bridge/bridge_process.h"
#include "bench/latency/open_loop.h"
#include "core/auth/jwt.h"
#include "core/config/config.h"
#include "core/config/topics.h"
#include "core/events/event_id.h"
#include "core/kafka/producer.h"
#include "core/log/log.h"
#include "core/privacy/pseudonymiser.h"
#include "core/privacy/synthetic_cpr.h"
#include "event_builder.h"
#include "tests/support/adapter_process.h"
#include "tests/support/broker_process.h"

namespace samsag::bench {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// At most this many requests per second: above it one request carries several events, so the
// HTTP client is not what limits the offered rate (a source system batches the same way).
constexpr int kRequestsPerSecond = 1000;

struct Arguments {
  std::vector<int> rates{1'000, 5'000, 20'000};
  int seconds = 10;
  int citizens = 20'000;
  int partitions = 32;
  int connections = 64;
  bool smoke = false;
};

bool parse(int argc, char** argv, Arguments& args) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : "0"; };
    if (arg == "--rates") {
      args.rates.clear();
      std::istringstream list(value());
      for (std::string rate; std::getline(list, rate, ',');) args.rates.push_back(std::stoi(rate));
    } else if (arg == "--seconds") {
      args.seconds = std::stoi(value());
    } else if (arg == "--citizens") {
      args.citizens = std::stoi(value());
    } else if (arg == "--partitions") {
      args.partitions = std::stoi(value());
    } else if (arg == "--connections") {
      args.connections = std::stoi(value());
    } else if (arg == "--smoke") {
      args.smoke = true;
    } else {
      std::cerr << "usage: latency_bench [--rates R1,R2,...] [--seconds N] [--citizens N] "
                   "[--partitions N] [--connections N] [--smoke]\n";
      return false;
    }
  }
  if (args.smoke) {
    args.rates = {200};
    args.seconds = std::min(args.seconds, 2);
    args.citizens = std::min(args.citizens, 100);
    args.partitions = std::min(args.partitions, 4);
    args.connections = std::min(args.connections, 8);
  }
  const bool rates_ok = !args.rates.empty() && std::ranges::all_of(args.rates, [](int rate) {
    return rate > 0 && rate <= 1'000'000;
  });
  return rates_ok && args.seconds > 0 && args.citizens > 0 && args.partitions > 0 &&
         args.partitions <= 256 && args.connections > 0 && args.connections <= 1024;
}

template <typename T>
T value_or_throw(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().code + ": " + result.error().message);
  return std::move(*result);
}

double milliseconds(LatencyClock::duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

// The adapters' deployment plus what the bridge needs: transactions, as on a real cluster, and a
// bridge section with its JWKS (the bridge's API is not used here).
void add_bridge_to_config(const fs::path& config_path, int partitions) {
  std::ifstream in(config_path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string partitions_line = "  partitions: " + std::to_string(partitions) + "\n";
  const auto at = text.find(partitions_line);
  if (at == std::string::npos) throw std::runtime_error("unexpected adapter config layout");
  text.insert(at + partitions_line.size(), "  transactions: true\n");
  auto key = value_or_throw(auth::SigningKey::generate(auth::Algorithm::kEs256, "bench-1"));
  std::ofstream(config_path.parent_path() / "jwks.json") << auth::jwks_json({&key});
  text +=
      "bridge:\n  state_dir: state\n  api_listen: 127.0.0.1:1\n  admin_listen: 127.0.0.1:2\n"
      "  auth:\n    jwks_file: jwks.json\n    issuer: https://login.bench.invalid\n"
      "    audience: samsag-bench\n    coordinator_role: coordinator\n"
      "    supervisor_role: supervisor\n";
  std::ofstream(config_path) << text;
}

// Synthetic CPR numbers, one per citizen (never printed).
std::vector<std::string> synthetic_cprs(int citizens) {
  privacy::SyntheticCprIssuer issuer(8);
  std::vector<std::string> cprs;
  cprs.reserve(static_cast<std::size_t>(citizens));
  for (int i = 0; i < citizens; ++i) {
    const privacy::BirthDate birth{1960 + i % 40, 1 + (i / 40) % 12, 2 + (i / 480) % 27};
    cprs.push_back(issuer.issue(
        birth, i % 2 == 0 ? privacy::SyntheticSex::kFemale : privacy::SyntheticSex::kMale,
        static_cast<std::uint64_t>(i)));
  }
  return cprs;
}

// A social consent grant per citizen, keyed by the pseudonym the adapter will compute, dated a
// month back: without it the bridge keeps social data out of the case.
void grant_consents(const config::v1::Config& config, const fs::path& key_file,
                    const std::vector<std::string>& cprs) {
  const auto pseudonymiser = value_or_throw(privacy::Pseudonymiser::from_key_file(
      key_file.string(), config.pseudonymisation().key_version()));
  const auto topics = config::Topics::for_municipality(config.municipality().slug());
  auto producer = value_or_throw(kafka::Producer::create(
      value_or_throw(kafka::KafkaSettings::for_producer(producer_kafka(config)))));
  const auto month_ago = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch() - 720h)
                             .count();
  std::vector<kafka::Delivery> deliveries;
  for (std::size_t i = 0; i < cprs.size(); ++i) {
    const auto citizen = pseudonymiser.pseudonym(value_or_throw(privacy::Cpr::parse(cprs[i])));
    auto event = bridge::testing::consent_granted("bench-consent-" + std::to_string(i), 1,
                                                  {samsag::v1::SECTOR_SOCIAL}, "consent-1");
    event.set_citizen(citizen);
    event.set_municipality_code(config.municipality().code());
    event.mutable_occurred_at()->set_seconds(month_ago);
    event.mutable_recorded_at()->set_seconds(month_ago);
    deliveries.push_back(producer.produce(
        {.topic = topics.for_sector(event.sector()),
         .key = citizen,
         .value = event.SerializeAsString(),
         .headers = {{"event-id", event.event_id()}, {"schema", "samsag.v1.Event"}}}));
  }
  for (auto& delivery : deliveries) {
    if (auto delivered = delivery.wait(kafka::deadline_in(120s)); !delivered) {
      throw std::runtime_error("producing a consent: " + delivered.error().message);
    }
  }
}

std::string today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day date{now};
  std::array<char, 40> text{};
  std::snprintf(text.data(), text.size(), "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text.data();
}

struct Schedule {
  std::vector<ScheduledRequest> requests;
  std::vector<ObservedEvent> events;
};

// rate x seconds MEASURE_GRANTED events, spread round-robin over the citizens, in requests of
// ceil(rate / kRequestsPerSecond) events due at even intervals from `start`.
Schedule make_schedule(int rate, int seconds, const std::vector<std::string>& cprs,
                       LatencyClock::time_point start) {
  const int batch = (rate + kRequestsPerSecond - 1) / kRequestsPerSecond;
  const std::int64_t total = std::int64_t{rate} * seconds;
  const auto interval = std::chrono::duration_cast<LatencyClock::duration>(
      std::chrono::duration<double>(static_cast<double>(batch) / rate));
  const std::string date = today();
  const std::string source = testing::AdapterDeployment::source_system("social");
  Schedule schedule;
  for (std::int64_t first = 0; first < total; first += batch) {
    ScheduledRequest request;
    request.first_event = schedule.events.size();
    request.due = start + interval * (first / batch);
    std::string body = R"({"events":[)";
    for (std::int64_t i = first; i < std::min(total, first + batch); ++i) {
      const std::string record = "lat-" + std::to_string(rate) + "-" + std::to_string(i);
      if (i > first) body += ",";
      body += R"({"type":"MEASURE_GRANTED","record_id":")" + record + R"(","version":1,"cpr":")" +
              cprs[static_cast<std::size_t>(i) % cprs.size()] + R"(","occurred_at":")" + date +
              R"(","measure_id":"m-)" + record + R"(","legal_basis":"SEL-85","start":")" + date +
              R"("})";
      ObservedEvent event;
      event.event_id = events::derive_event_id(source, record, "1");
      event.request = schedule.requests.size();
      schedule.events.push_back(std::move(event));
      ++request.count;
    }
    request.body = body + "]}";
    schedule.requests.push_back(std::move(request));
  }
  return schedule;
}

struct Percentiles {
  double p50 = 0, p99 = 0, p999 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> values) {
  if (values.empty()) return {};
  std::ranges::sort(values);
  auto at = [&](double q) {
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size()));
    return values[std::min(rank, values.size() - 1)];
  };
  return {at(0.50), at(0.99), at(0.999), values.back()};
}

struct RateResult {
  int rate = 0;
  std::int64_t events = 0;
  std::int64_t accepted = 0;  // events whose request got a 202
  std::int64_t seen = 0;      // of those, seen in a snapshot
  double sent_per_second = 0;
  Percentiles due_to_accept, accept_to_snapshot, due_to_snapshot;
};

RateResult measure_rate(const config::v1::Config& config, int port, int rate, int seconds,
                        int connections, const std::vector<std::string>& cprs) {
  auto schedule = make_schedule(rate, seconds, cprs, LatencyClock::time_point{});
  SnapshotObserver observer(config, schedule.events);
  // The schedule starts once the observer reads, however long its set-up took.
  const auto start = LatencyClock::now() + 200ms;
  for (auto& request : schedule.requests) request.due += start.time_since_epoch();
  const auto first_due = schedule.requests.front().due;
  send_on_schedule(schedule.requests, port, testing::AdapterDeployment::token("social"),
                   connections);
  const auto last_sent = LatencyClock::now();
  RateResult result;
  result.rate = rate;
  result.events = static_cast<std::int64_t>(schedule.events.size());
  std::vector<double> due_to_accept;
  for (const auto& request : schedule.requests) {
    if (request.status != 202) continue;
    result.accepted += static_cast<std::int64_t>(request.count);
    due_to_accept.push_back(milliseconds(request.accepted - request.due));
  }
  result.sent_per_second = static_cast<double>(result.accepted) /
                           std::chrono::duration<double>(last_sent - first_due).count();
  const auto deadline = LatencyClock::now() + 60s;
  while (observer.seen() < result.accepted && LatencyClock::now() < deadline) {
    std::this_thread::sleep_for(50ms);  // polling interval of the observer's count
  }
  observer.stop();
  std::vector<double> accept_to_snapshot;
  std::vector<double> due_to_snapshot;
  for (const auto& event : schedule.events) {
    const auto& request = schedule.requests[event.request];
    if (request.status != 202 || event.in_snapshot == LatencyClock::time_point{}) continue;
    ++result.seen;
    accept_to_snapshot.push_back(milliseconds(event.in_snapshot - request.accepted));
    due_to_snapshot.push_back(milliseconds(event.in_snapshot - request.due));
  }
  if (observer.unreadable() > 0) {
    std::cerr << observer.unreadable() << " case-topic snapshots could not be decoded\n";
  }
  result.due_to_accept = percentiles(due_to_accept);
  result.accept_to_snapshot = percentiles(accept_to_snapshot);
  result.due_to_snapshot = percentiles(due_to_snapshot);
  return result;
}

void print_results(const std::vector<RateResult>& results) {
  std::printf(
      "\n| offered events/s | sent events/s | events | in snapshot | accepted -> snapshot p50 / "
      "p99 / p999 / max ms | due -> snapshot p50 / p99 / p999 ms | due -> 202 p50 / p99 ms |\n"
      "|---|---|---|---|---|---|---|\n");
  for (const auto& r : results) {
    std::printf(
        "| %d | %.0f | %lld | %lld | %.1f / %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %.1f / "
        "%.1f |\n",
        r.rate, r.sent_per_second, static_cast<long long>(r.events), static_cast<long long>(r.seen),
        r.accept_to_snapshot.p50, r.accept_to_snapshot.p99, r.accept_to_snapshot.p999,
        r.accept_to_snapshot.max, r.due_to_snapshot.p50, r.due_to_snapshot.p99,
        r.due_to_snapshot.p999, r.due_to_accept.p50, r.due_to_accept.p99);
  }
  for (const auto& r : results) {
    if (r.rate != 5'000) continue;
    std::printf(
        "\nlatency-target: accepted -> snapshot p99 %.1f ms at 5000 events/s (target <= "
        "100 ms: %s)\n",
        r.accept_to_snapshot.p99, r.accept_to_snapshot.p99 <= 100 ? "met" : "missed");
  }
}

int run(const Arguments& args) {
  (void)samsag::log::init("bench", "warn");
  testing::ScratchDirectory scratch("samsag-bench-latency");
  const fs::path directory = scratch.path();
  testing::AdapterDeployment deployment({.directory = directory,
                                         .slug = "bench",
                                         .partitions = args.partitions,
                                         .log_level = "warn"});
  testing::BrokerProcess broker({.config_path = deployment.write_config("").string()});
  deployment.write_config(broker.bootstrap());
  add_bridge_to_config(deployment.config_path(), args.partitions);
  const auto loaded = config::load_config(deployment.config_path().string());
  if (!loaded.ok()) throw std::runtime_error("bench config is invalid");
  const auto& config = loaded.config;

  const auto cprs = synthetic_cprs(args.citizens);
  grant_consents(config, directory / "secrets/pseudonym.key", cprs);
  BridgeProcess bridge(deployment.config_path(), directory / "state", "bench-latency");
  auto deadline = LatencyClock::now() + 300s;
  while (LatencyClock::now() < deadline && bridge.running() &&
         metric_sum(bridge.metrics(), "samsag_bridge_events_total") < args.citizens) {
    std::this_thread::sleep_for(100ms);  // polling interval of the metric
  }
  if (!bridge.running() || LatencyClock::now() >= deadline) {
    throw std::runtime_error("the bridge did not take in the consents");
  }
  testing::AdapterProcess adapter(deployment, "social");
  if (!adapter.wait_ready(30s)) throw std::runtime_error("the social adapter did not start");

  std::printf(
      "samsag end-to-end latency benchmark: social adapter -> bridge -> case topic, %d citizens "
      "with consent, %d partitions, %d s per rate, up to %d requests/s on %d connections (%s)\n",
      args.citizens, args.partitions, args.seconds, kRequestsPerSecond, args.connections,
      args.smoke ? "smoke" : "full");
  std::fflush(stdout);
  std::vector<RateResult> results;
  bool ok = true;
  for (const int rate : args.rates) {
    results.push_back(measure_rate(config, deployment.http_port("social"), rate, args.seconds,
                                   args.connections, cprs));
    const auto& r = results.back();
    ok = ok && r.accepted == r.events && r.seen == r.accepted;
    if (r.seen != r.events) {
      std::printf("rate %d: %lld of %lld events accepted, %lld seen in a snapshot\n", rate,
                  static_cast<long long>(r.accepted), static_cast<long long>(r.events),
                  static_cast<long long>(r.seen));
    }
  }
  print_results(results);
  bridge.stop();
  if (!ok) std::printf("FAILED: an event was not accepted or never reached a snapshot\n");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace samsag::bench

int main(int argc, char** argv) {
  samsag::bench::Arguments args;
  try {
    if (!samsag::bench::parse(argc, argv, args)) return 2;
    return samsag::bench::run(args);
  } catch (const std::exception& e) {
    std::cerr << "latency_bench: " << e.what() << "\n";
    return 1;
  }
}
