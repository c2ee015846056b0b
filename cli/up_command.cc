// samsag up: the whole demo deployment on one machine (cli/up/up_run.h says what it does, step by
// step, and what it prints).
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/up/demo_environment.h"
#include "cli/up/up_run.h"

namespace samsag::cli {
namespace {

constexpr const char* kSummary =
    "everything on one machine for a newcomer: broker, adapters, bridge, synthetic demo data; "
    "prints the page's address and demo logins";

constexpr const char* kExplanation = R"(
Starts the embedded broker (or, with --bootstrap, uses an existing Kafka cluster), every adapter
of the config and the bridge as child processes, generates synthetic citizens (samsag gen, fixed
seed, "today" = yesterday) and feeds them through the adapters' real inputs (CSV files into the
spool directory, JSON and FHIR posted over HTTP) and the consent decisions and coordinator
assignments through the coordinator API. When every record is in the cases it prints, one per
line: bootstrap: HOST:PORT, page: URL, token: JWT (the demo coordinator, 12 hours),
supervisor-token: JWT, adapter-token: TOKEN, demo-citizen: CPR, one "adapter NAME: URL-or-DIR" per
adapter, and last "ready". The processes log to DIR/logs. Ctrl-C or SIGTERM stops everything and
exits 0; a process that ends early stops the rest, shows the end of its log and exits 1.

With --port-base P it listens on P (broker), P+1 (API and page), P+2 (bridge admin), P+3..P+5
(social, health, region intake) and P+6..P+9 (the adapters' admin endpoints); the embedded
broker's three brokers take free ports. Synthetic data only: never for production.)";

// The demo config in the source tree this binary was built from, unless SAMSAG_CONFIG names
// another.
std::string default_config() {
  if (const char* configured = std::getenv("SAMSAG_CONFIG");
      configured != nullptr && *configured != '\0') {
    return configured;
  }
  return SAMSAG_DEMO_CONFIG;
}

struct UpArguments {
  up::UpOptions options;
  std::string dir;
  std::string config;
  std::string bootstrap;
  int port_base = 0;
};

bool has_topics_ensure(CLI::App& app) {
  try {
    return app.get_subcommand("topics")->get_subcommand("ensure") != nullptr;
  } catch (const CLI::OptionNotFound&) {
    return false;
  }
}

}  // namespace

void add_up_command(CLI::App& app, CommandRunner& selected) {
  auto args = std::make_shared<UpArguments>();
  auto* cmd = app.add_subcommand("up", kSummary);
  cmd->footer(kExplanation);
  cmd->add_option("--dir", args->dir,
                  "where to keep state, secrets, data and logs (default: a fresh temporary "
                  "directory, removed at exit)");
  cmd->add_option("--citizens", args->options.citizens, "number of synthetic demo citizens")
      ->check(CLI::Range(std::uint64_t{2}, std::uint64_t{100'000}))
      ->capture_default_str();
  cmd->add_option("--port-base", args->port_base,
                  "first of the ports it listens on (default: the config's usual ports)")
      ->check(CLI::Range(1024, up::kHighestPortBase));
  cmd->add_option("--bootstrap", args->bootstrap,
                  "HOST:PORT of an existing Kafka cluster to use instead of the embedded broker");
  cmd->add_option("-c,--config", args->config,
                  "municipality config (default: SAMSAG_CONFIG, else the demo config "
                  "deploy/municipalities/demo/samsag.yaml of this source tree)");
  cmd->callback([&app, &selected, args] {
    selected = [&app, args] {
      auto& options = args->options;
      if (!args->dir.empty()) options.dir = args->dir;
      if (args->port_base != 0) options.port_base = args->port_base;
      if (!args->bootstrap.empty()) options.bootstrap = args->bootstrap;
      options.config =
          std::filesystem::absolute(args->config.empty() ? default_config() : args->config);
      options.topics_command_available = has_topics_ensure(app);
      return up::run_up(options);
    };
  });
}

}  // namespace samsag::cli
