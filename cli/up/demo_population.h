// The demo's synthetic citizens: `samsag gen` run in-process with a fixed seed, and what up needs
// from its output (cli/gen/OUTPUT.md): the files per sector, the record counts the adapters must
// turn into events, every citizen's CPR number (for the coordinator assignments) and one citizen
// to show. The output holds CPR numbers: it stays under up's directory and never reaches a log.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cli/gen/calendar.h"
#include "core/base/result.h"

namespace samsag::cli::up {

// The seed of every demo: the same citizens on every machine and every day.
inline constexpr std::uint64_t kDemoSeed = 1;

struct SectorFiles {
  std::uint64_t records = 0;                 // events the sector's adapter must produce
  std::vector<std::filesystem::path> files;  // absolute, in the order the manifest lists them
};

struct DemoPopulation {
  std::filesystem::path directory;
  // employment, social, health, region, consent (the decisions the API replays)
  std::map<std::string, SectorFiles, std::less<>> sectors;
  std::vector<std::string> cprs;  // every citizen, in generator order
  // The first citizen with events in all four sectors and consent to all of them.
  std::string demo_citizen;

  const SectorFiles& sector(std::string_view name) const;
};

// Writes the data under `directory` (replacing an earlier run's) and reads it back. The reference
// date is the synthetic world's "today": up passes yesterday, so consents are current and the
// next meetings lie ahead. Errors: GEN_* of the generator, GEN_OUTPUT_UNREADABLE, NO_DEMO_CITIZEN.
Result<DemoPopulation> generate_population(const std::filesystem::path& directory,
                                           std::uint64_t citizens, int municipality_code,
                                           gen::Date reference_date);

// Reads an existing gen output (manifest.json and citizens.csv). Errors: GEN_OUTPUT_UNREADABLE,
// NO_DEMO_CITIZEN.
Result<DemoPopulation> read_population(const std::filesystem::path& directory);

}  // namespace samsag::cli::up
