// Writes consent/decisions.jsonl: one consent decision per line, in the order the coordinator
// API should replay them (cli/gen/OUTPUT.md).
#pragma once

#include <filesystem>

#include "cli/gen/manifest.h"
#include "cli/gen/output_file.h"
#include "cli/gen/records.h"
#include "core/base/result.h"

namespace samsag::gen {

class ConsentJsonlWriter {
 public:
  ConsentJsonlWriter(const std::filesystem::path& directory, SectorTally& tally);
  void write(const CitizenHistory& citizen);
  Status finish() { return file_.commit(); }

 private:
  OutputFile file_;
  SectorTally& tally_;
  std::string line_;
};

// Writes citizens.csv: every synthetic citizen with their CPR number and what was generated for
// them, for tests and the demo. CPR numbers make this file as sensitive as the source files.
class CitizenListWriter {
 public:
  explicit CitizenListWriter(const std::filesystem::path& directory);
  void write(const CitizenHistory& citizen);
  Status finish() { return file_.commit(); }

 private:
  OutputFile file_;
  std::string line_;
};

}  // namespace samsag::gen
