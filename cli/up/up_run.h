// `samsag up`: the whole demo deployment on one machine, for a newcomer (DESIGN.md "Components",
// issue 6). The steps, in order:
//   1. the environment that places the deployment (demo_environment.h) and the config;
//   2. the secrets (demo_secrets.h): pseudonym key, demo signing key and the bridge's JWKS;
//   3. `samsag broker -c CONFIG` (it creates the topics), or with --bootstrap an existing cluster
//      whose topics `samsag topics ensure` creates, or which is checked for them;
//   4. every adapter of the config and the bridge, until each one's /readyz answers 200;
//   5. `samsag gen` in-process, then the consent decisions and coordinator assignments through the
//      coordinator API, then the source data through the adapters' real inputs;
//   6. waiting until the bridge has counted every record (case_readiness.h), then the lines
//      below on stdout, and running until SIGINT or SIGTERM.
// stdout carries only these lines, one each, in this order (scripts rely on them):
//   bootstrap: HOST:PORT / page: URL / token: JWT / supervisor-token: JWT / adapter-token: TOKEN /
//   demo-citizen: CPR / adapter NAME: URL-or-DIR (one per adapter) / ready
// Everything else goes to stderr; the processes' own logs to DIR/logs/NAME.log.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace samsag::cli::up {

struct UpOptions {
  std::optional<std::filesystem::path> dir;  // none: a fresh temporary directory, removed at exit
  std::uint64_t citizens = 200;
  std::optional<int> port_base;
  std::optional<std::string> bootstrap;  // an existing cluster instead of the embedded broker
  std::filesystem::path config;
  bool topics_command_available = false;  // this binary has `samsag topics ensure`
};

// The exit code: 0 after a stop by SIGINT or SIGTERM, 1 when something failed (the message and
// the failed process's log tail on stderr), 2 for bad arguments or config.
int run_up(const UpOptions& options);

}  // namespace samsag::cli::up
