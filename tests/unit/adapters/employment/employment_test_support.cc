#include "tests/unit/adapters/employment/employment_test_support.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "core/privacy/cpr_shape.h"

namespace samsag::adapters::employment::testing {

MappingSettings default_settings() {
  MappingSettings settings;
  settings.municipality_code = 751;
  using samsag::v1::TargetGroup;
  settings.target_groups = {
      {"dagpengemodtager", samsag::v1::TARGET_GROUP_INSURED_UNEMPLOYED},
      {"kontanthjaelpsmodtager", samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED},
      {"uddannelseshjaelpsmodtager", samsag::v1::TARGET_GROUP_YOUNG},
      {"selvforsoergelsesydelsesmodtager", samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED},
      {"overgangsydelsesmodtager", samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED},
      {"sygedagpengemodtager", samsag::v1::TARGET_GROUP_SICK},
      {"jobafklaringsforloeb", samsag::v1::TARGET_GROUP_SICK},
      {"ressourceforloebsydelsesmodtager", samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED},
      {"revalidend", samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED},
      {"ledighedsydelsesmodtager", samsag::v1::TARGET_GROUP_FLEX_JOB},
      {"fleksjobansat", samsag::v1::TARGET_GROUP_FLEX_JOB},
      {"selvforsoergende_ledig", samsag::v1::TARGET_GROUP_OTHER_UNEMPLOYED},
      {"ung_under_18", samsag::v1::TARGET_GROUP_YOUNG},
      {"foertidspensionist", samsag::v1::TARGET_GROUP_UNKNOWN},
  };
  return settings;
}

std::vector<ExportRow> read_export(const std::string& text, const MappingSettings& settings,
                                   const std::string& file_name) {
  std::istringstream in(text);
  RowMapper mapper(settings);
  ExportReader reader(in, file_name, mapper);
  std::vector<ExportRow> rows;
  ExportRow row;
  while (reader.next(row)) rows.push_back(std::move(row));
  return rows;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string record_json(const ExportRow& row) {
  const auto& record = std::get<SourceRecord>(row.record);
  std::string payload;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(record.payload, &payload, options).ok()) {
    return "unprintable payload";
  }
  boost::json::object line;
  line["line"] = record.position.line;
  line["record_id"] = record.record_id;
  line["record_version"] = record.record_version;
  if (!record.source_system.empty()) line["source_system"] = record.source_system;
  line["cpr"] = samsag::privacy::mask_cpr_shaped(record.cpr_text);
  line["occurred_at"] = google::protobuf::util::TimeUtil::ToString(record.occurred_at);
  if (row.target_group_unmapped) line["target_group_unmapped"] = true;
  line["payload"] = boost::json::parse(payload);
  return boost::json::serialize(line);
}

std::filesystem::path data_directory() { return SAMSAG_EMPLOYMENT_TEST_DATA; }

}  // namespace samsag::adapters::employment::testing
