#include "cli/gen/consent_jsonl.h"

#include <algorithm>

#include "cli/gen/json_writer.h"

namespace samsag::gen {

ConsentJsonlWriter::ConsentJsonlWriter(const std::filesystem::path& directory, SectorTally& tally)
    : file_(directory, "decisions.jsonl"), tally_(tally) {
  tally_.files.push_back({"consent/decisions.jsonl", 0, 0, 0});
}

void ConsentJsonlWriter::write(const CitizenHistory& citizen) {
  for (const ConsentDecision& d : citizen.consent) {
    line_.clear();
    JsonWriter json(line_);
    json.begin_object().field("cpr", citizen.cpr).key("granted").boolean(d.granted);
    json.field("consent_id", d.consent_id);
    json.key("scopes").begin_array();
    for (std::string_view scope : d.scopes) json.string(scope);
    json.end_array();
    if (d.granted) {
      json.field("purpose", "HOI_COORDINATION").field("form", d.form);
    }
    json.field("recorded_by", d.recorded_by).field("recorded_by_role", "coordinator");
    json.field("occurred_at", d.occurred_at.iso_with_offset());
    if (d.valid_until) json.field("valid_until", d.valid_until->iso_with_offset());
    if (!d.case_file_ref.empty()) json.field("case_file_ref", d.case_file_ref);
    json.field("source_system", "samsag-gen");
    json.end_object();
    line_.push_back('\n');
    file_.write(line_);
    tally_.record(d.granted ? "ConsentGranted" : "ConsentWithdrawn");
  }
}

CitizenListWriter::CitizenListWriter(const std::filesystem::path& directory)
    : file_(directory, "citizens.csv") {
  file_.write(
      "citizen,cpr,profile,consent,employment_events,social_events,health_events,region_events\n");
}

void CitizenListWriter::write(const CitizenHistory& c) {
  line_.clear();
  append_number(line_, static_cast<std::int64_t>(c.index));
  line_.append(",").append(c.cpr).append(",").append(profile_name(c.profile));
  line_.append(",").append(c.consent_summary);
  auto events = [](const std::vector<FhirEntry>& entries) {
    return static_cast<std::size_t>(
        std::count_if(entries.begin(), entries.end(),
                      [](const FhirEntry& e) { return !e.expected_event.empty(); }));
  };
  for (std::size_t count :
       {c.employment.size(), c.social.size(), events(c.health), events(c.region)}) {
    line_.push_back(',');
    append_number(line_, static_cast<std::int64_t>(count));
  }
  line_.push_back('\n');
  file_.write(line_);
}

}  // namespace samsag::gen
