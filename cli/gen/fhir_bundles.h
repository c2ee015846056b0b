// Writes the health or region sector as HL7 FHIR R4 collection Bundles (adapters/health/FORMAT.md),
// one file per Bundle, each holding the complete records of up to `citizens_per_bundle` citizens:
// a DK-core Patient with the CPR identifier and the resources that reference it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "cli/gen/manifest.h"
#include "cli/gen/output_file.h"
#include "cli/gen/records.h"
#include "core/base/result.h"

namespace samsag::gen {

class FhirBundleWriter {
 public:
  enum class Sector { kHealth, kRegion };

  FhirBundleWriter(std::filesystem::path directory, std::string tag, Sector sector,
                   int municipality_code, std::uint64_t citizens_per_bundle, SectorTally& tally);

  Status write(const CitizenHistory& citizen);
  Status finish();

 private:
  Status close_bundle();
  void open_bundle();
  void write_patient(std::string_view patient_id, const std::string& cpr, int municipality_code);
  void write_entry(std::string_view patient_id, const FhirEntry& entry);
  void write_line(const std::string& json);
  std::string full_url(std::string_view resource_type, std::string_view id) const;
  std::string patient_reference(std::string_view patient_id) const;

  std::filesystem::path directory_;
  std::string tag_;
  Sector sector_;
  int municipality_code_;
  std::uint64_t citizens_per_bundle_;
  SectorTally& tally_;
  std::unique_ptr<OutputFile> file_;
  int file_number_ = 0;
  std::uint64_t citizens_in_bundle_ = 0;
  bool first_entry_ = true;
};

}  // namespace samsag::gen
