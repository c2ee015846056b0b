// manifest.json: what a run wrote and how many events each record should become, per sector and
// per file, so tests can check the counts on every topic (cli/gen/OUTPUT.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samsag::gen {

struct FileTally {
  std::string path;           // relative to the output directory
  std::uint64_t records = 0;  // = expected events
  std::uint64_t dropped = 0;  // FHIR resources the mapper must count and drop
  std::uint64_t skipped = 0;  // region entries of citizens of another municipality
};

struct SectorTally {
  std::uint64_t records = 0;
  std::uint64_t dropped = 0;
  std::uint64_t skipped = 0;
  std::map<std::string, std::uint64_t, std::less<>> events;  // by event name
  std::vector<FileTally> files;

  // Counts one record into the sector and its current (last) file.
  void record(std::string_view event_name);
  void drop();
  void skip();
};

struct Manifest {
  std::uint64_t seed = 0;
  std::uint64_t citizens = 0;
  std::string reference_date;
  int municipality_code = 0;
  int neighbour_municipality_code = 0;
  std::string tag;
  std::optional<std::uint64_t> employment_rows;
  SectorTally employment;
  SectorTally social;
  SectorTally health;
  SectorTally region;
  SectorTally consent;

  std::string to_json() const;
};

}  // namespace samsag::gen
