// samsag gen: deterministic synthetic source data for the demo, tests and benchmarks
// (cli/gen/OUTPUT.md describes what it writes).
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "cli/gen/generator.h"

namespace samsag::cli {
namespace {

struct GenArguments {
  gen::GenOptions options;
  std::string out;
  std::string reference_date = "2026-11-02";
  std::uint64_t employment_rows = 0;
  bool employment_rows_given = false;
};

int run_gen(GenArguments& args) {
  const std::optional<gen::Date> reference = gen::Date::parse_iso(args.reference_date);
  if (!reference) {
    std::cerr << "samsag gen: --reference-date must be a date as YYYY-MM-DD\n";
    return 2;
  }
  args.options.reference_date = *reference;
  args.options.out = args.out;
  if (args.employment_rows_given) args.options.employment_rows = args.employment_rows;
  const auto summary = gen::generate(args.options);
  if (!summary.ok()) {
    std::cerr << "samsag gen: " << summary.error().message << " (" << summary.error().code << ")\n";
    return summary.error().code == "GEN_WRITE_FAILED" ? 1 : 2;
  }
  // Counts only: the output holds CPR numbers, the terminal does not.
  std::cout << "samsag gen: wrote " << summary->citizens << " citizens to " << args.out
            << ": employment " << summary->employment << ", social " << summary->social
            << ", health " << summary->health << ", region " << summary->region << ", consent "
            << summary->consent << " records (see manifest.json)\n";
  return 0;
}

}  // namespace

void add_gen_command(CLI::App& app, CommandRunner& selected) {
  auto args = std::make_shared<GenArguments>();
  auto* cmd = app.add_subcommand(
      "gen",
      "Write deterministic synthetic source data (CSV, JSON, FHIR, consent decisions) for the "
      "demo, tests and benchmarks. Synthetic CPR numbers only; never for production.");
  cmd->add_option("--citizens", args->options.citizens, "Number of synthetic citizens")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{5'000'000}))
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "Seed: the same seed gives the same bytes")
      ->capture_default_str();
  cmd->add_option("--out", args->out, "Output directory (created; must be empty unless --force)")
      ->required();
  cmd->add_option("--reference-date", args->reference_date,
                  "The synthetic world's 'today' (YYYY-MM-DD); nothing after it has happened")
      ->capture_default_str();
  cmd->add_option("--municipality-code", args->options.municipality_code,
                  "Official three-digit municipality code (kommunekode)")
      ->check(CLI::Range(101, 860))
      ->capture_default_str();
  cmd->add_option("--employment-rows", args->employment_rows,
                  "Exactly this many employment CSV rows in total, spread over the citizens "
                  "(for benchmarks)")
      ->check(CLI::NonNegativeNumber)
      ->each([args](const std::string&) { args->employment_rows_given = true; });
  cmd->add_flag("--force", args->options.force,
                "Replace the output of an earlier run in --out (only the names samsag gen writes)");
  cmd->callback([&selected, args] { selected = [args] { return run_gen(*args); }; });
}

}  // namespace samsag::cli
