// samsag config: placeholder until its owner implements it.
#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace samsag::cli {

void add_config_command(CLI::App& app, CommandRunner& selected) {
  auto* cmd = app.add_subcommand("config", "not implemented yet");
  cmd->callback([&selected] { selected = [] { return 1; }; });
}

}  // namespace samsag::cli
