// samsag: one binary, every process a subcommand (DESIGN.md "Components").
#include <CLI/CLI.hpp>

#include "cli/command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "samsag: cross-sector integration bus for the coordinated effort (helhedsorienteret "
      "indsats) of Danish municipalities"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "samsag 0.1.0");

  samsag::cli::CommandRunner selected;
  samsag::cli::add_adapter_command(app, selected);
  samsag::cli::add_bridge_command(app, selected);
  samsag::cli::add_broker_command(app, selected);
  samsag::cli::add_config_command(app, selected);
  samsag::cli::add_dlq_command(app, selected);
  samsag::cli::add_gen_command(app, selected);
  samsag::cli::add_topics_command(app, selected);
  samsag::cli::add_up_command(app, selected);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" with code 0; every real usage error exits 2.
    return app.exit(error) == 0 ? 0 : 2;
  }
  return selected ? selected() : 2;
}
