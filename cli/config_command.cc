// samsag config check -c CONFIG: validates a municipality's config the way every process will load
// it, for ops and CI. Exit 0 with one summary line, or exit 1 with every problem as
// "file:line: message" on stderr.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "core/config/config.h"

namespace samsag::cli {
namespace {

int check(const std::string& path) {
  const auto loaded = config::load_config(path);
  if (!loaded.ok()) {
    for (const auto& problem : loaded.problems) std::cerr << problem.to_string() << '\n';
    std::cerr << path << ": " << loaded.problems.size()
              << (loaded.problems.size() == 1 ? " problem" : " problems") << '\n';
    return 1;
  }
  std::cout << path << ": ok: " << config::describe(loaded.config) << '\n';
  return 0;
}

}  // namespace

void add_config_command(CLI::App& app, CommandRunner& selected) {
  auto* config = app.add_subcommand("config", "Work with a municipality's configuration");
  config->require_subcommand(1);

  auto path = std::make_shared<std::string>();
  auto* check_command = config->add_subcommand(
      "check", "Validate a config: exit 0 with a summary, or 1 with every problem as file:line");
  check_command->add_option("-c,--config", *path, "The municipality's samsag.yaml")->required();
  check_command->callback([&selected, path] { selected = [path] { return check(*path); }; });
}

}  // namespace samsag::cli
