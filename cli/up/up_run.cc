#include "cli/up/up_run.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/up/case_feed.h"
#include "cli/up/case_readiness.h"
#include "cli/up/child_processes.h"
#include "cli/up/demo_environment.h"
#include "cli/up/demo_population.h"
#include "cli/up/demo_secrets.h"
#include "cli/up/http_call.h"
#include "cli/up/source_feed.h"
#include "cli/up/topic_check.h"
#include "core/config/config.h"
#include "core/config/topics.h"
#include "core/digest/sha256.h"
#include "core/privacy/cpr_shape.h"
#include "core/runtime/shutdown.h"

namespace samsag::cli::up {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr int kExitStopped = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadArguments = 2;

// The bearer token the demo config's HTTP adapters accept (published in its comments).
constexpr const char* kDemoAdapterToken = "samsag-demo-adapter";
constexpr const char* kCoordinatorUnit = "Jobcenter Demo, Helhedsorienteret indsats";

constexpr auto kPollInterval = 100ms;
constexpr auto kStartTimeout = 60s;       // broker ready line, every /readyz
constexpr auto kNoProgressTimeout = 90s;  // the bridge's counts stand still this long: give up
constexpr auto kProgressReport = 10s;
constexpr auto kBridgeStopGrace = 15s;  // finishes its round and leaves the group
constexpr auto kBrokerStopGrace = 5s;
constexpr std::size_t kLogTailLines = 20;

const std::string kBroker = "broker";
const std::string kBridge = "bridge";
const std::string kTopics = "topics";

void say(const std::string& text) {
  // A second line of defence: nothing CPR-shaped reaches the terminal's log by accident.
  std::cerr << "samsag up: " << privacy::mask_cpr_shaped(text) << std::endl;
}

std::string http_base(const config::HostPort& address) {
  auto host = address.host;
  if (host == "0.0.0.0" || host == "::" || host.empty()) host = "127.0.0.1";
  return "http://" + config::HostPort{host, address.port}.to_string();
}

std::optional<config::HostPort> address(const std::string& text) {
  auto parsed = config::parse_host_port(text);
  if (!parsed) return std::nullopt;
  return *parsed;
}

// Yesterday in UTC: the synthetic world's "today", so that nothing it says lies in the future.
gen::Date yesterday() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return gen::Date::from_ymd(1970, 1, 1).plus_days(days.time_since_epoch().count() - 1);
}

class UpRun {
 public:
  explicit UpRun(const UpOptions& options) : options_(options) {}
  int run();
  void request_stop() { stopping_ = true; }

 private:
  enum class Wait { kDone, kTimedOut, kStopped, kChildEnded };

  int prepare();
  bool start_kafka();
  bool ensure_topics();
  bool start_services();
  bool feed();
  bool wait_reflected();
  void print_lines() const;
  int serve();
  int fail(const std::string& message);
  int child_failed();
  void stop_children();
  Wait wait_until(const std::function<bool()>& done, Clock::duration timeout);
  bool wait_ready(const std::string& name, const std::string& admin_listen);

  const UpOptions& options_;
  std::filesystem::path dir_;
  bool remove_dir_ = false;
  config::v1::Config config_;
  std::optional<DemoIdentityProvider> identity_;
  std::string adapter_token_;
  std::string bootstrap_;
  std::unique_ptr<ChildProcesses> children_;
  std::optional<ChildExit> ended_;
  std::optional<DemoPopulation> population_;
  SectorCounts expected_;
  std::atomic<bool> stopping_{false};
};

int UpRun::fail(const std::string& message) {
  say(message);
  return kExitFailed;
}

int UpRun::child_failed() {
  if (!ended_) return fail("stopped because a process ended");
  say("the " + ended_->name + " process " + ended_->how + " early; the end of " +
      children_->log_file(ended_->name).string() + ":");
  std::cerr << privacy::mask_cpr_shaped(children_->log_tail(ended_->name, kLogTailLines))
            << std::flush;
  return kExitFailed;
}

UpRun::Wait UpRun::wait_until(const std::function<bool()>& done, Clock::duration timeout) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    if (stopping_) return Wait::kStopped;
    if (auto ended = children_->find_ended()) {
      ended_ = std::move(ended);
      return Wait::kChildEnded;
    }
    if (done()) return Wait::kDone;
    if (Clock::now() >= deadline) return Wait::kTimedOut;
    std::this_thread::sleep_for(kPollInterval);
  }
}

int UpRun::prepare() {
  if (options_.dir) {
    dir_ = std::filesystem::absolute(*options_.dir);
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return fail("cannot create " + dir_.string() + ": " + ec.message());
  } else {
    std::string pattern = (std::filesystem::temp_directory_path() / "samsag-up-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return fail("cannot create a temporary directory");
    dir_ = pattern;
    remove_dir_ = true;
  }
  apply(place_environment(dir_, options_.bootstrap));
  if (options_.port_base) apply(port_environment(*options_.port_base, !options_.bootstrap));

  const auto loaded = config::load_config(options_.config.string());
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) std::cerr << problem.to_string() << "\n";
    say(options_.config.string() + " is not a valid config");
    return kExitBadArguments;
  }
  config_ = loaded.config;
  if (!config_.has_bridge()) return fail(options_.config.string() + " has no bridge section");

  const char* token = std::getenv("SAMSAG_ADAPTER_TOKEN");
  adapter_token_ = token != nullptr && *token != '\0' ? token : kDemoAdapterToken;
  const auto token_hash = digest::sha256_hex(adapter_token_);
  for (const auto& adapter : config_.adapters()) {
    if (!adapter.has_http()) continue;
    const auto& hashes = adapter.http().token_sha256();
    if (std::find(hashes.begin(), hashes.end(), token_hash) == hashes.end()) {
      say("adapter " + adapter.name() + " does not accept the demo adapter token; list its " +
          "SHA-256 in the config or set SAMSAG_ADAPTER_TOKEN to a token it accepts");
      return kExitBadArguments;
    }
  }

  if (auto key = ensure_pseudonym_key(config_.pseudonymisation().key_file()); !key) {
    return fail(key.error().message);
  }
  auto identity = DemoIdentityProvider::create(config_, dir_ / "secrets" / "demo-signing-key.pem");
  if (!identity) return fail(identity.error().message);
  identity_.emplace(std::move(identity).value());

  const auto logs = dir_ / "logs";
  std::error_code ec;
  std::filesystem::create_directories(logs, ec);
  if (ec) return fail("cannot create " + logs.string() + ": " + ec.message());
  children_ = std::make_unique<ChildProcesses>(logs);
  say("state in " + dir_.string() + (remove_dir_ ? " (removed at exit)" : "") +
      "; the processes log to " + logs.string() + "/NAME.log");
  return kExitStopped;
}

bool UpRun::start_kafka() {
  if (options_.bootstrap) {
    bootstrap_ = *options_.bootstrap;
    return ensure_topics();
  }
  if (auto started = children_->start(kBroker, {"broker", "-c", options_.config.string()});
      !started) {
    say(started.error().message);
    return false;
  }
  // The broker prints one line when clients can connect: "ready bootstrap=HOST:PORT ...".
  const auto log = children_->log_file(kBroker);
  const auto found = wait_until(
      [&] {
        std::ifstream in(log);
        for (std::string line; std::getline(in, line);) {
          if (!line.starts_with("ready bootstrap=")) continue;
          bootstrap_ = line.substr(16, line.find(' ', 16) - 16);
          return true;
        }
        return false;
      },
      kStartTimeout);
  if (found == Wait::kTimedOut) say("the broker did not become ready in time; see " + log.string());
  if (found != Wait::kDone) return false;
  if (config_.kafka().bootstrap() != bootstrap_) {
    say("the config's kafka.bootstrap (" + config_.kafka().bootstrap() +
        ") is not the embedded broker's address (" + bootstrap_ +
        "); let kafka.bootstrap follow ${env:SAMSAG_BOOTSTRAP:-...} as the demo config does");
    return false;
  }
  return true;
}

bool UpRun::ensure_topics() {
  if (options_.topics_command_available) {
    if (auto started =
            children_->start(kTopics, {"topics", "ensure", "-c", options_.config.string()});
        !started) {
      say(started.error().message);
      return false;
    }
    // A run-to-completion child: its end is the point, and only a non-zero exit is a failure.
    const auto ended = wait_until([] { return false; }, kStartTimeout);
    if (ended == Wait::kChildEnded && ended_->name == kTopics && ended_->succeeded) {
      ended_.reset();
      say("topics ensured on " + bootstrap_);
      return true;
    }
    if (ended == Wait::kTimedOut) say("samsag topics ensure did not finish in time");
    return false;
  }
  auto missing = missing_topics(config_);
  if (!missing) {
    say("cannot ask " + bootstrap_ + " for its topics: " + missing.error().message);
    return false;
  }
  if (!missing->empty()) {
    std::string names;
    for (const auto& name : *missing) names += (names.empty() ? "" : ", ") + name;
    say("the cluster at " + bootstrap_ + " lacks the topics " + names + " (each with " +
        std::to_string(config_.kafka().partitions()) +
        " partitions); create them, e.g. with Kafka's kafka-topics tool, and start again");
    return false;
  }
  say("every topic exists on " + bootstrap_);
  return true;
}

bool UpRun::wait_ready(const std::string& name, const std::string& admin_listen) {
  const auto admin = address(admin_listen);
  if (!admin) {
    say(name + ": the admin address \"" + admin_listen + "\" is not host:port");
    return false;
  }
  const auto ready = wait_until(
      [&] { return http_call(*admin, {.target = "/readyz"}, 2s).status == 200; }, kStartTimeout);
  if (ready == Wait::kTimedOut) {
    say(name + " did not answer /readyz with 200 within " + std::to_string(kStartTimeout.count()) +
        " s; see " + children_->log_file(name).string());
  }
  return ready == Wait::kDone;
}

bool UpRun::start_services() {
  for (const auto& adapter : config_.adapters()) {
    if (adapter.has_spool()) {
      std::error_code ec;
      std::filesystem::create_directories(adapter.spool().directory(), ec);
    }
    if (auto started = children_->start(
            adapter.name(), {"adapter", adapter.name(), "-c", options_.config.string()});
        !started) {
      say(started.error().message);
      return false;
    }
  }
  if (auto started = children_->start(kBridge, {"bridge", "-c", options_.config.string()});
      !started) {
    say(started.error().message);
    return false;
  }
  for (const auto& adapter : config_.adapters()) {
    if (!wait_ready(adapter.name(), adapter.admin_listen())) return false;
  }
  if (!wait_ready(kBridge, config_.bridge().admin_listen())) return false;
  // The bridge opens its API after the admin endpoint: any HTTP answer there means it listens.
  const auto api = address(config_.bridge().api_listen());
  const auto listening = wait_until(
      [&] { return api && http_call(*api, {.target = "/"}, 2s).status != 0; }, kStartTimeout);
  if (listening == Wait::kStopped || listening == Wait::kChildEnded) return false;
  say("the broker, " + std::to_string(config_.adapters_size()) + " adapters and the bridge run");
  return true;
}

bool UpRun::feed() {
  say("generating " + std::to_string(options_.citizens) + " synthetic citizens");
  auto population =
      generate_population(dir_ / "gen", options_.citizens,
                          static_cast<int>(config_.municipality().code()), yesterday());
  if (!population) {
    say(population.error().message);
    return false;
  }
  population_.emplace(std::move(population).value());

  // Consent and coordinators first: a sector event is admitted only under a consent the bridge
  // has already applied (bridge/README.md, "Consent first").
  const auto api = address(config_.bridge().api_listen());
  if (!api) {
    say("bridge.api_listen \"" + config_.bridge().api_listen() + "\" is not host:port");
    return false;
  }
  const CaseFeedOptions case_options{.api = *api,
                                     .supervisor_token = identity_->supervisor_token(),
                                     .coordinator_id = std::string(kDemoCoordinator),
                                     .unit_name = kCoordinatorUnit};
  auto cases = feed_cases(case_options, population_->cprs,
                          population_->sector("consent").files.empty()
                              ? std::filesystem::path()
                              : population_->sector("consent").files.front(),
                          population_->demo_citizen, stopping_);
  if (!cases) {
    say(cases.error().message);
    return false;
  }
  if (cases->api_served) {
    expected_["consent"] = cases->consent_decisions;
    expected_["plan"] = cases->coordinator_assignments;
    say("recorded " + std::to_string(cases->consent_decisions) + " consent decisions and " +
        std::to_string(cases->coordinator_assignments) + " coordinator assignments via the API");
  } else {
    say("the bridge does not serve the coordinator API (" + cases->unserved_because +
        "): no consent decisions and no coordinator assignments; sectors that need consent "
        "stay out of the cases");
  }

  for (const auto& adapter : config_.adapters()) {
    using config::v1::AdapterKind;
    const std::string sector = adapter.kind() == config::v1::ADAPTER_KIND_EMPLOYMENT ? "employment"
                               : adapter.kind() == config::v1::ADAPTER_KIND_SOCIAL   ? "social"
                               : adapter.kind() == config::v1::ADAPTER_KIND_HEALTH   ? "health"
                                                                                     : "region";
    const auto& data = population_->sector(sector);
    std::uint64_t rejected = 0;
    if (adapter.has_spool()) {
      if (auto dropped = drop_into_spool(data.files, adapter.spool().directory()); !dropped) {
        say(dropped.error().message);
        return false;
      }
    } else {
      const auto intake = address(adapter.http().listen());
      if (!intake) return false;
      const bool json = adapter.kind() == config::v1::ADAPTER_KIND_SOCIAL;
      const HttpSourceTarget target{
          .address = *intake,
          .path = json ? "/v1/events" : "/fhir",
          .content_type = json ? "application/json" : "application/fhir+json",
          .token = adapter_token_};
      auto posted = post_files(target, data.files, stopping_);
      if (!posted) {
        say(posted.error().message);
        return false;
      }
      rejected = posted->rejected;
      if (rejected > 0) {
        say("adapter " + adapter.name() + " sent " + std::to_string(rejected) +
            " records to the dead letter topic");
      }
    }
    expected_[sector] += data.records - std::min(rejected, data.records);
  }
  say("fed the source data through the adapters; waiting for the cases");
  return true;
}

bool UpRun::wait_reflected() {
  const auto admin = address(config_.bridge().admin_listen());
  SectorCounts seen;
  std::string missing = "everything";
  auto last_progress = Clock::now();
  auto last_report = Clock::now();
  while (true) {
    const auto result = wait_until(
        [&] {
          const auto metrics = http_call(*admin, {.target = "/metrics"}, 5s);
          if (metrics.status == 200) {
            auto counts = bridge_events_by_sector(metrics.body);
            if (counts != seen) last_progress = Clock::now();
            seen = std::move(counts);
            missing = missing_events(expected_, seen);
          }
          return missing.empty() || Clock::now() - last_report >= kProgressReport;
        },
        kNoProgressTimeout);
    if (result != Wait::kDone) {
      if (result == Wait::kTimedOut) say("the cases stopped growing; still missing: " + missing);
      return false;
    }
    if (missing.empty()) return true;
    if (Clock::now() - last_progress >= kNoProgressTimeout) {
      say("the cases stopped growing for " + std::to_string(kNoProgressTimeout.count()) +
          " s; still missing: " + missing + " (see " + children_->log_file(kBridge).string() + ")");
      return false;
    }
    say("waiting for the bridge: " + missing);
    last_report = Clock::now();
  }
}

void UpRun::print_lines() const {
  std::cout << "bootstrap: " << bootstrap_ << "\n";
  std::cout << "page: " << http_base(*address(config_.bridge().api_listen())) << "/\n";
  std::cout << "token: " << identity_->coordinator_token() << "\n";
  std::cout << "supervisor-token: " << identity_->supervisor_token() << "\n";
  std::cout << "adapter-token: " << adapter_token_ << "\n";
  std::cout << "demo-citizen: " << population_->demo_citizen << "\n";
  for (const auto& adapter : config_.adapters()) {
    std::cout << "adapter " << adapter.name() << ": "
              << (adapter.has_spool() ? adapter.spool().directory()
                                      : http_base(*address(adapter.http().listen())))
              << "\n";
  }
  std::cout << "ready" << std::endl;  // flushed: scripts wait for it
}

int UpRun::serve() {
  const auto result = wait_until([] { return false; }, std::chrono::hours(24 * 365));
  if (result == Wait::kChildEnded) return child_failed();
  return kExitStopped;
}

void UpRun::stop_children() {
  if (!children_) return;
  std::vector<std::string> clients;
  for (const auto& name : children_->names()) {
    if (name != kBroker) clients.push_back(name);
  }
  // The clients first, so they flush and leave the group while the broker still answers.
  auto killed = children_->stop(clients, kBridgeStopGrace);
  for (const auto& name : children_->stop({kBroker}, kBrokerStopGrace)) killed.push_back(name);
  for (const auto& name : killed) {
    say(name + " did not stop within its grace period and was killed");
  }
}

int UpRun::run() {
  int code = prepare();
  if (code == kExitStopped) {
    const bool up = start_kafka() && start_services() && feed() && wait_reflected();
    if (up) {
      print_lines();
      code = serve();
    } else if (ended_) {
      code = child_failed();
    } else {
      code = stopping_ ? kExitStopped : kExitFailed;
    }
  }
  if (stopping_) say("stopping");
  stop_children();
  children_.reset();
  if (remove_dir_) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (stopping_ && code == kExitStopped) say("stopped");
  return code;
}

}  // namespace

int run_up(const UpOptions& options) {
  // Before any thread exists, so that only the signal thread below ever takes SIGTERM and SIGINT.
  runtime::block_shutdown_signals();
  std::signal(SIGPIPE, SIG_IGN);
  UpRun run(options);
  std::thread signals([&] {
    const int signal = runtime::wait_for_shutdown();
    if (signal != 0) run.request_stop();
  });
  const int code = run.run();
  runtime::request_shutdown();  // releases the signal thread when no signal came
  signals.join();
  return code;
}

}  // namespace samsag::cli::up
