// `samsag gen`: deterministic synthetic source data for all four sectors, in the source formats
// the adapters read (adapters/*/FORMAT.md), plus consent decisions, a citizen list and a manifest
// (cli/gen/OUTPUT.md). Same options, same bytes, on any machine. Memory stays constant in the
// number of citizens and rows: one citizen is generated, written and forgotten at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "cli/gen/calendar.h"
#include "core/base/result.h"

namespace samsag::gen {

struct GenOptions {
  std::uint64_t citizens = 100;
  std::uint64_t seed = 1;
  std::filesystem::path out;
  Date reference_date = Date::from_ymd(2026, 11, 2);
  int municipality_code = 751;
  // Exactly this many employment rows in total, spread evenly over the citizens (benchmarks).
  std::optional<std::uint64_t> employment_rows;
  // Rows per employment CSV file; tests lower it to get several files from a small run.
  std::uint64_t employment_rows_per_file = 50000;
  // Replace the outputs of an earlier run in `out` (only the names samsag gen writes).
  bool force = false;
};

struct GenSummary {
  std::uint64_t citizens = 0;
  std::uint64_t employment = 0;
  std::uint64_t social = 0;
  std::uint64_t health = 0;
  std::uint64_t region = 0;
  std::uint64_t consent = 0;
};

// Errors: GEN_INVALID_OPTION, GEN_OUTPUT_NOT_EMPTY, GEN_WRITE_FAILED.
Result<GenSummary> generate(const GenOptions& options);

}  // namespace samsag::gen
