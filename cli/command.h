// How a subcommand plugs into `samsag`: it registers its options on the CLI11 app and, when it is
// the one chosen, leaves behind the function that runs it. Running happens after parsing, outside
// CLI11's exception handling, and returns the process exit code.
#pragma once

#include <functional>

namespace CLI {
class App;
}

namespace samsag::cli {

using CommandRunner = std::function<int()>;

// Each add_* registers one subcommand (and its own subcommands) on `app`; when the user picks it,
// `selected` is set to the function that runs it.
void add_adapter_command(CLI::App& app, CommandRunner& selected);
void add_bridge_command(CLI::App& app, CommandRunner& selected);
void add_broker_command(CLI::App& app, CommandRunner& selected);
void add_config_command(CLI::App& app, CommandRunner& selected);
void add_dlq_command(CLI::App& app, CommandRunner& selected);
void add_gen_command(CLI::App& app, CommandRunner& selected);
void add_topics_command(CLI::App& app, CommandRunner& selected);
void add_up_command(CLI::App& app, CommandRunner& selected);

}  // namespace samsag::cli
