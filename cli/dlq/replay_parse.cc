#include "cli/dlq/replay_parse.h"

#include <sstream>

#include "adapters/employment/export_reader.h"
#include "adapters/health/health_parser.h"
#include "adapters/region/region_parser.h"
#include "adapters/runtime/dead_letter_citizen.h"
#include "adapters/social/social_parser.h"

namespace samsag::cli::dlq {
namespace {

using samsag::config::v1::Adapter;
using samsag::config::v1::Config;

Error not_replayable(std::string sentence) {
  return make_error("NOT_REPLAYABLE", std::move(sentence));
}

Result<adapters::ParseResult> parse_employment_row(const Config& config, const Adapter& adapter,
                                                   const samsag::v1::DeadLetter& letter,
                                                   const std::string& original) {
  const auto& origin = letter.origin();
  if (origin.header().empty()) {
    return not_replayable(
        "the dead letter has no CSV header (the whole file was rejected, or it was written before "
        "dead letters kept the header): put the corrected file into the spool directory again");
  }
  const adapters::employment::RowMapper mapper(
      adapters::employment::MappingSettings::from_config(adapter, config.municipality().code()));
  std::istringstream file(adapters::with_placeholder_cpr(origin.header()) + "\n" + original + "\n");
  adapters::employment::ExportReader reader(file, origin.file(), mapper);
  adapters::ParseResult parsed;
  adapters::employment::ExportRow row;
  while (reader.next(row)) {
    if (row.target_group_unmapped) ++parsed.unmapped_target_groups;
    parsed.records.push_back(std::move(row.record));
  }
  // The reader numbered the row 2 in this two-line file; the dead letter knows where it was.
  for (auto& record : parsed.records) {
    std::visit([&](auto& r) { r.position.line = origin.line(); }, record);
  }
  return parsed;
}

}  // namespace

Result<adapters::ParseResult> parse_again(const Config& config, const Adapter& adapter,
                                          const samsag::v1::DeadLetter& letter,
                                          const std::string& original) {
  const std::uint32_t code = config.municipality().code();
  const std::string& request_id = letter.origin().request_id();
  switch (adapter.kind()) {
    case samsag::config::v1::ADAPTER_KIND_EMPLOYMENT:
      return parse_employment_row(config, adapter, letter, original);
    case samsag::config::v1::ADAPTER_KIND_SOCIAL:
      return adapters::social::parse_social_request({original, request_id, code}).parsed;
    case samsag::config::v1::ADAPTER_KIND_HEALTH:
      return adapters::health::parse_health_request({original, request_id, code, ""}).parsed;
    case samsag::config::v1::ADAPTER_KIND_REGION:
      return adapters::region::parse_region_request({original, request_id, code, ""}).parsed;
    default:
      return not_replayable("the adapter " + adapter.name() + " has no kind in the config");
  }
}

}  // namespace samsag::cli::dlq
