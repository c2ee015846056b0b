// Writes the employment sector as CSV files in the format of adapters/employment/FORMAT.md,
// rolling over to a new file every `rows_per_file` rows. Odd-numbered files use the canonical
// dialect (ISO dates, LF); even-numbered ones what a Windows export looks like (BOM, CRLF,
// DD-MM-YYYY dates, four-digit municipality code), so both dialects are always exercised.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "cli/gen/manifest.h"
#include "cli/gen/output_file.h"
#include "cli/gen/records.h"
#include "core/base/result.h"

namespace samsag::gen {

class EmploymentCsvWriter {
 public:
  EmploymentCsvWriter(std::filesystem::path directory, std::string tag, int municipality_code,
                      std::uint64_t rows_per_file, SectorTally& tally);

  Status write(const CitizenHistory& citizen);
  Status finish();

 private:
  Status roll();
  void append_row(const std::string& cpr, const EmploymentRecord& r);

  std::filesystem::path directory_;
  std::string tag_;
  int municipality_code_;
  std::uint64_t rows_per_file_;
  SectorTally& tally_;
  std::unique_ptr<OutputFile> file_;
  int file_number_ = 0;
  std::uint64_t rows_in_file_ = 0;
  bool windows_dialect_ = false;
  std::string line_;
};

}  // namespace samsag::gen
