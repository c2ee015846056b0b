// Writes the social sector as request bodies for `POST /v1/events` (adapters/social/FORMAT.md):
// the very first request is a single event object, every later one a {"events": [...]} batch.
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

class SocialJsonWriter {
 public:
  SocialJsonWriter(std::filesystem::path directory, std::string tag, int municipality_code,
                   std::uint64_t events_per_request, SectorTally& tally);

  Status write(const CitizenHistory& citizen);
  Status finish();

 private:
  Status close_request();
  void open_request();
  std::string event_json(const std::string& cpr, const SocialRecord& r) const;

  std::filesystem::path directory_;
  std::string tag_;
  int municipality_code_;
  std::uint64_t events_per_request_;
  SectorTally& tally_;
  std::unique_ptr<OutputFile> file_;
  int file_number_ = 0;
  std::uint64_t events_in_request_ = 0;
  bool single_ = false;
};

}  // namespace samsag::gen
