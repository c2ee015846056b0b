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
  samsag::cli::add_broker_command(app, selected);
  samsag::cli::add_config_command(app, selected);
  samsag::cli::add_gen_command(app, selected);

  CLI11_PARSE(app, argc, argv);
  return selected ? selected() : 2;
}
