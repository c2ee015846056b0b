// One data row of the employment CSV → a SourceRecord (one samsag.v1 employment payload) or a
// Rejection with the reason FORMAT.md §8 names. Pure: it sees one row and the settings, nothing
// else. The CPR is handed on as written; the adapter runtime validates and pseudonymises it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "adapters/employment/columns.h"
#include "adapters/runtime/source_record.h"
#include "samsag/v1/employment.pb.h"

namespace samsag::config::v1 {
class Adapter;
}

namespace samsag::adapters::employment {

struct MappingSettings {
  // The deployment's municipality; a row naming another one is WRONG_MUNICIPALITY.
  std::uint32_t municipality_code = 0;
  // Source target-group codes (trimmed, lower case) → canonical groups (FORMAT.md §6).
  std::unordered_map<std::string, samsag::v1::TargetGroup> target_groups;

  // The adapter config's `target_groups` with its keys normalised.
  static MappingSettings from_config(const samsag::config::v1::Adapter& adapter,
                                     std::uint32_t municipality_code);
};

struct MappedRow {
  ParsedRecord record;
  // A MAALGRUPPE row whose code is not in the mapping: the event says TARGET_GROUP_UNKNOWN and
  // the caller counts it (FORMAT.md §6); it is not a dead letter.
  bool target_group_unmapped = false;
};

class RowMapper {
 public:
  explicit RowMapper(MappingSettings settings);

  // `fields` holds exactly header.field_count() fields. The result's position and original are
  // left empty for the caller, who knows the file and the row's bytes.
  MappedRow map(const Header& header, std::span<const std::string_view> fields) const;

  const MappingSettings& settings() const { return settings_; }

 private:
  MappingSettings settings_;
};

}  // namespace samsag::adapters::employment
