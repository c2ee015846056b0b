// samsag bridge -c CONFIG: the case builder (issue 5). Consumes the municipality's sector,
// consent and plan topics, writes one shared case per citizen to {m}.case.v1 exactly once, keeps
// the cases in a RocksDB store under bridge.state_dir, serves the coordinator API and page
// (bridge/api/API.md) on bridge.api_listen, and /healthz, /readyz and /metrics on
// bridge.admin_listen. Logs are JSON lines on stdout; SIGTERM finishes the batch in flight,
// flushes, leaves the group and exits 0.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <charconv>
#include <chrono>
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "bridge/api/bridge_api.h"
#include "bridge/cluster/http_forwarder.h"
#include "bridge/cluster/member_directory.h"
#include "bridge/loop/bridge_loop.h"
#include "cli/command.h"
#include "core/config/config.h"
#include "core/config/topics.h"
#include "core/log/log.h"
#include "core/runtime/admin_server.h"
#include "core/runtime/readiness.h"
#include "core/runtime/shutdown.h"

namespace samsag::cli {
namespace {

constexpr int kExitBadArguments = 2;
constexpr int kExitFailed = 1;
constexpr const char* kApiListening = "api";  // a /readyz condition

constexpr const char* kSummary =
    "the case builder: sector streams to one shared, consent-gated case per citizen";

constexpr const char* kExplanation = R"(
Consumes {m}.employment/social/health/region/consent/plan.v1 in the consumer group
samsag-bridge.{m} and writes each citizen's case to {m}.case.v1, exactly once: per partition, the
changed snapshots and then a checkpoint record. Refuses to start (exit 1) unless every input topic
and {m}.case.v1 have the same partition count. Records that are no valid event go to {m}.dlq.v1.
Serves the coordinator API and page on bridge.api_listen (--api-listen): every read and every
denied attempt is written to {m}.audit.v1 before the answer goes out.
Run 1..N instances with the same config; each needs its own state dir and admin address.
Each publishes its partitions and API address (bridge.advertised_api) on {m}.members.v1; a
request for a case another instance owns is forwarded there (bridge/api/README.md).
SIGTERM or SIGINT: finish the batch in flight, flush, leave the group, exit 0.)";

struct BridgeArguments {
  std::string config_path;
  std::string state_dir;
  std::string admin_listen;
  std::string api_listen;
  std::string instance_id;
  int expire_interval_seconds = 60;
};

struct Listen {
  std::string host;
  std::uint16_t port = 0;
};

// "host:port" with port 0 allowed (any free port; the log line says which).
std::optional<Listen> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  Listen listen;
  listen.host = text.substr(0, colon);
  if (listen.host.size() > 2 && listen.host.front() == '[' && listen.host.back() == ']') {
    listen.host = listen.host.substr(1, listen.host.size() - 2);
  }
  const char* begin = text.data() + colon + 1;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, listen.port);
  if (begin == end || ec != std::errc() || ptr != end) return std::nullopt;
  return listen;
}

std::string host_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "bridge";
  return name.data();
}

int run_bridge(const BridgeArguments& args) {
  // Before any thread exists, so that only wait_for_shutdown() ever takes SIGTERM and SIGINT.
  runtime::block_shutdown_signals();
  std::signal(SIGPIPE, SIG_IGN);

  const auto loaded = config::load_config(args.config_path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) std::cerr << problem.to_string() << "\n";
    std::cerr << "samsag bridge: " << args.config_path << " is not a valid config\n";
    return kExitBadArguments;
  }
  if (!loaded.config.has_bridge()) {
    std::cerr << "samsag bridge: " << args.config_path << " has no bridge section\n";
    return kExitBadArguments;
  }
  const auto& bridge = loaded.config.bridge();
  const std::string listen_text =
      args.admin_listen.empty() ? bridge.admin_listen() : args.admin_listen;
  const auto listen = parse_listen(listen_text);
  if (!listen) {
    std::cerr << "samsag bridge: the admin address \"" << listen_text << "\" is not host:port\n";
    return kExitBadArguments;
  }
  const std::string api_text = args.api_listen.empty() ? bridge.api_listen() : args.api_listen;
  const auto api_listen = parse_listen(api_text);
  if (!api_listen) {
    std::cerr << "samsag bridge: the API address \"" << api_text << "\" is not host:port\n";
    return kExitBadArguments;
  }
  if (auto logging = log::init("bridge", loaded.config.logging().level()); !logging) {
    std::cerr << "samsag bridge: " << logging.error().message << "\n";
    return kExitBadArguments;
  }

  runtime::Readiness readiness;
  // Not ready before the coordinator API listens: a load balancer would send it nowhere.
  readiness.require(kApiListening);
  auto admin = runtime::AdminServer::start(listen->host, listen->port, readiness);
  if (!admin) {
    log::error("the admin endpoint could not start", {{"error", admin.error().message}});
    std::cerr << "samsag bridge: " << admin.error().message << "\n";
    return kExitFailed;
  }
  log::info("admin endpoint listening", {{"host", listen->host}, {"port", (*admin)->port()}});

  bridge::BridgeOptions options;
  options.config = loaded.config;
  options.state_dir = args.state_dir.empty() ? bridge.state_dir() : args.state_dir;
  options.instance_id = args.instance_id.empty() ? host_name() : args.instance_id;
  options.process_readiness = &readiness;
  options.expire_interval = std::chrono::seconds(args.expire_interval_seconds);
  // Set before the loop runs, which is the only caller; the loop is joined before it goes.
  std::unique_ptr<bridge::MemberDirectory> members;
  options.on_assignment = [&members](const std::vector<std::int32_t>& owned) {
    if (members) members->set_owned(owned);
  };
  auto loop = bridge::BridgeLoop::create(std::move(options));
  if (!loop) {
    log::error("the bridge cannot start",
               {{"code", loop.error().code}, {"error", loop.error().message}});
    std::cerr << "samsag bridge: " << loop.error().message << " [" << loop.error().code << "]\n";
    return kExitFailed;
  }
  const std::string instance_id = args.instance_id.empty() ? host_name() : args.instance_id;
  log::info("bridge started", {{"partitions", (*loop)->partitions()}, {"instance", instance_id}});

  bridge::MemberDirectoryOptions member_options;
  member_options.kafka = loaded.config.kafka();
  member_options.topic =
      config::Topics::for_municipality(loaded.config.municipality().slug()).members;
  member_options.instance_id = instance_id;
  member_options.partitions = (*loop)->partitions();
  auto directory = bridge::MemberDirectory::start(std::move(member_options));
  if (!directory) {
    log::error("the members topic cannot be used",
               {{"code", directory.error().code}, {"error", directory.error().message}});
    std::cerr << "samsag bridge: " << directory.error().message << "\n";
    return kExitFailed;
  }
  members = std::move(*directory);
  bridge::HttpForwarder forwarder;

  bridge::api::BridgeApiOptions api_options;
  api_options.host = api_listen->host;
  api_options.port = api_listen->port;
  api_options.instance_id = instance_id;
  api_options.partitions = (*loop)->partitions();
  api_options.cases = &(*loop)->cases();
  api_options.ownership = members.get();
  api_options.forwarder = &forwarder;
  // Until the loop has joined and restored its partitions the store may lack existing cases:
  // the API answers 503 then, not 404.
  api_options.cases_restored = [&loop] {
    const auto state = (*loop)->readiness();
    return state.joined && state.restored;
  };
  auto api = bridge::api::BridgeApi::start(loaded.config, api_options);
  if (!api) {
    log::error("the coordinator API cannot start",
               {{"code", api.error().code}, {"error", api.error().message}});
    std::cerr << "samsag bridge: " << api.error().message << " [" << api.error().code << "]\n";
    return kExitFailed;
  }
  log::info("coordinator API listening", {{"host", api_listen->host}, {"port", (*api)->port()}});
  readiness.set(kApiListening);
  // bridge.advertised_api defaults to api_listen; then the address actually bound counts.
  const std::string advertised =
      bridge.advertised_api() == bridge.api_listen() ? "" : bridge.advertised_api();
  auto api_url =
      bridge::advertised_api_url(advertised, api_listen->host, (*api)->port(), host_name());
  if (!api_url) {
    std::cerr << "samsag bridge: bridge.advertised_api: " << api_url.error().message << "\n";
    return kExitBadArguments;
  }
  members->advertise(*api_url);
  log::info("advertising the coordinator API to the other bridge instances",
            {{"address", *api_url}});

  Status outcome = ok_status();
  std::thread worker([&] {
    outcome = (*loop)->run();
    // A loop that cannot go on ends the process as a signal would.
    runtime::request_shutdown();
  });
  const int signal = runtime::wait_for_shutdown();
  (*admin)->begin_shutdown();
  log::info("bridge stopping", {{"signal", signal}});
  (*api)->stop();
  (*loop)->stop();
  worker.join();
  members->stop();
  forwarder.stop();
  (*admin)->stop();
  if (!outcome) {
    log::error("the bridge stopped on an error",
               {{"code", outcome.error().code}, {"error", outcome.error().message}});
    std::cerr << "samsag bridge: " << outcome.error().message << "\n";
    return kExitFailed;
  }
  log::info("bridge stopped");
  return 0;
}

}  // namespace

void add_bridge_command(CLI::App& app, CommandRunner& selected) {
  auto args = std::make_shared<BridgeArguments>();
  auto* cmd = app.add_subcommand("bridge", kSummary);
  cmd->footer(kExplanation);
  cmd->add_option("-c,--config", args->config_path, "municipality config (YAML)")->required();
  cmd->add_option("--state-dir", args->state_dir,
                  "where the RocksDB state store lives; overrides bridge.state_dir");
  cmd->add_option("--admin-listen", args->admin_listen,
                  "HOST:PORT of /healthz, /readyz, /metrics; port 0 takes a free port; overrides "
                  "bridge.admin_listen");
  cmd->add_option("--api-listen", args->api_listen,
                  "HOST:PORT of the coordinator API and page; port 0 takes a free port; overrides "
                  "bridge.api_listen");
  cmd->add_option("--instance-id", args->instance_id,
                  "this instance's name, unique among the municipality's bridges and stable "
                  "across its restarts (default: the host name)");
  cmd->add_option("--expire-interval", args->expire_interval_seconds,
                  "seconds between sweeps for consents past their valid_until (default 60)")
      ->check(CLI::Range(1, 24 * 3600));
  cmd->callback([&selected, args] { selected = [args] { return run_bridge(*args); }; });
}

}  // namespace samsag::cli
