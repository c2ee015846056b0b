#include "cli/gen/manifest.h"

#include "cli/gen/json_writer.h"

namespace samsag::gen {

void SectorTally::record(std::string_view event_name) {
  ++records;
  ++files.back().records;
  auto it = events.find(event_name);
  if (it == events.end()) it = events.emplace(std::string(event_name), 0).first;
  ++it->second;
}

void SectorTally::drop() {
  ++dropped;
  ++files.back().dropped;
}

void SectorTally::skip() {
  ++skipped;
  ++files.back().skipped;
}

namespace {

void write_sector(JsonWriter& json, std::string_view name, const SectorTally& tally, bool fhir) {
  json.key(name).begin_object();
  json.number_field("records", static_cast<std::int64_t>(tally.records));
  if (fhir) {
    json.number_field("dropped_resources", static_cast<std::int64_t>(tally.dropped));
    json.number_field("skipped_other_municipality", static_cast<std::int64_t>(tally.skipped));
  }
  json.key("events").begin_object();
  for (const auto& [event, count] : tally.events) {
    json.number_field(event, static_cast<std::int64_t>(count));
  }
  json.end_object();
  json.key("files").begin_array();
  for (const FileTally& file : tally.files) {
    json.begin_object().field("path", file.path);
    json.number_field("records", static_cast<std::int64_t>(file.records));
    if (fhir) {
      json.number_field("dropped_resources", static_cast<std::int64_t>(file.dropped));
      json.number_field("skipped_other_municipality", static_cast<std::int64_t>(file.skipped));
    }
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

std::string Manifest::to_json() const {
  std::string out;
  JsonWriter json(out, true);
  json.begin_object();
  json.field("generator", "samsag gen");
  json.number_field("format_version", 1);
  json.field("source_system", "samsag-gen");
  // The seed as a string: JSON numbers above 2^53 are not exact in every reader.
  json.field("seed", std::to_string(seed));
  json.number_field("citizens", static_cast<std::int64_t>(citizens));
  json.field("reference_date", reference_date);
  json.number_field("municipality_code", municipality_code);
  json.number_field("neighbour_municipality_code", neighbour_municipality_code);
  json.field("id_prefix", tag);
  if (employment_rows) {
    json.number_field("employment_rows", static_cast<std::int64_t>(*employment_rows));
  }
  json.key("sectors").begin_object();
  write_sector(json, "employment", employment, false);
  write_sector(json, "social", social, false);
  write_sector(json, "health", health, true);
  write_sector(json, "region", region, true);
  write_sector(json, "consent", consent, false);
  json.end_object();
  json.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace samsag::gen
