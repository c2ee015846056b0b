#include <array>
#include <utility>

#include "adapters/fhir/appointment_mapping.h"
#include "adapters/fhir/sector_mapping.h"
#include "adapters/region/region_parser.h"

namespace samsag::adapters::region {
namespace {

using fhir::FhirResource;
using fhir::MappedEvent;
using fhir::MapResult;
using fhir::NoEvent;
using json_source::Presence;

// episode-kind codes of psychiatric courses and their setting.
constexpr std::array<std::pair<std::string_view, samsag::v1::PsychiatricSetting>, 4> kPsychiatry{{
    {"psychiatric", samsag::v1::PSYCHIATRIC_SETTING_UNSPECIFIED},
    {"psychiatric-outpatient", samsag::v1::PSYCHIATRIC_SETTING_OUTPATIENT},
    {"psychiatric-inpatient", samsag::v1::PSYCHIATRIC_SETTING_INPATIENT},
    {"psychiatric-mixed", samsag::v1::PSYCHIATRIC_SETTING_MIXED},
}};
// care-plan-kind codes of the hospital's genoptræningsplan and its level.
constexpr std::array<std::pair<std::string_view, samsag::v1::RehabilitationPlanLevel>, 4> kPlans{{
    {"rehabilitation-plan", samsag::v1::REHABILITATION_PLAN_LEVEL_UNSPECIFIED},
    {"rehabilitation-plan-general", samsag::v1::REHABILITATION_PLAN_LEVEL_GENERAL},
    {"rehabilitation-plan-specialised", samsag::v1::REHABILITATION_PLAN_LEVEL_SPECIALISED},
    {"rehabilitation-plan-specialised-rehab",
     samsag::v1::REHABILITATION_PLAN_LEVEL_SPECIALISED_REHAB},
}};

template <typename Table>
auto lookup(const Table& table, std::string_view code)
    -> std::optional<typename Table::value_type::second_type> {
  for (const auto& [name, value] : table) {
    if (name == code) return value;
  }
  return std::nullopt;
}

// Course events; `setting` is used for psychiatry only.
void set_course(MappedEvent& out, bool psychiatric, bool started, const std::string& id,
                samsag::v1::PsychiatricSetting setting) {
  if (!psychiatric && started) out.payload.mutable_outpatient_course_started()->set_episode_id(id);
  if (!psychiatric && !started) out.payload.mutable_outpatient_course_ended()->set_episode_id(id);
  if (psychiatric && started) {
    out.payload.mutable_psychiatric_course_started()->set_episode_id(id);
    out.payload.mutable_psychiatric_course_started()->set_setting(setting);
  }
  if (psychiatric && !started) {
    out.payload.mutable_psychiatric_course_ended()->set_episode_id(id);
    out.payload.mutable_psychiatric_course_ended()->set_setting(setting);
  }
}

// `type` with samsag's care-setting: true for psychiatry, false for somatic care, nullopt after a
// reported problem. No other clinical split reaches the coordinator (domain.md §4).
std::optional<bool> psychiatric_setting(FhirResource& encounter) {
  const auto code = encounter.code("type", fhir::kCareSettingSystem, Presence::kMandatory);
  if (!code) return std::nullopt;
  if (*code == "psychiatric") return true;
  if (*code == "somatic") return false;
  encounter.invalid_code("type");
  return std::nullopt;
}

MapResult map_admission(FhirResource& encounter, const std::string& status) {
  const bool admitted = status == "in-progress" || status == "onleave";
  if (!admitted && status != "finished") return NoEvent{};
  const auto psychiatric = psychiatric_setting(encounter);
  MappedEvent out;
  const auto start = encounter.period_start(admitted ? Presence::kMandatory : Presence::kOptional);
  if (admitted) {
    auto& payload = *out.payload.mutable_hospital_admitted();
    payload.set_encounter_id(encounter.record_id());
    payload.set_psychiatric(psychiatric.value_or(false));
    if (start) *payload.mutable_at() = *start;
  } else {
    auto& payload = *out.payload.mutable_hospital_discharged();
    payload.set_encounter_id(encounter.record_id());
    payload.set_psychiatric(psychiatric.value_or(false));
    if (auto end = encounter.period_end(Presence::kMandatory)) {
      *payload.mutable_at() = *end;
      if (start) encounter.check_period_order(*start, *end);
    }
  }
  out.occurred_at =
      admitted ? out.payload.hospital_admitted().at() : out.payload.hospital_discharged().at();
  return out;
}

// An ambulant contact spans the course of visits: it starts and ends a course.
MapResult map_outpatient_contact(FhirResource& encounter, const std::string& status) {
  const bool started = status == "in-progress" || status == "arrived";
  if (!started && status != "finished") return NoEvent{};
  const auto psychiatric = psychiatric_setting(encounter);
  MappedEvent out;
  set_course(out, psychiatric.value_or(false), started, encounter.record_id(),
             samsag::v1::PSYCHIATRIC_SETTING_OUTPATIENT);
  auto at = started ? encounter.period_start(Presence::kMandatory) : encounter.ended_at();
  if (at) out.occurred_at = *at;
  return out;
}

MapResult map_encounter(FhirResource& encounter) {
  const auto encounter_class = encounter.coding_code("class", fhir::kActCodeSystem);
  if (!encounter_class) return NoEvent{};
  const std::string status = encounter.status();
  if (*encounter_class == "IMP" || *encounter_class == "ACUTE" || *encounter_class == "NONAC") {
    return map_admission(encounter, status);
  }
  if (*encounter_class == "AMB") return map_outpatient_contact(encounter, status);
  return NoEvent{};  // EMER, HH, VR, FLD, ...: nothing the coordinator follows
}

MapResult map_episode_of_care(FhirResource& episode) {
  const std::string status = episode.status();
  const bool started = status == "active";
  if (!started && status != "finished" && status != "cancelled") return NoEvent{};
  const auto code = episode.code("type", fhir::kEpisodeKindSystem, Presence::kMandatory);
  if (!code) return NoEvent{};
  MappedEvent out;
  if (*code == "outpatient-somatic") {
    set_course(out, false, started, episode.record_id(), {});
  } else if (auto setting = lookup(kPsychiatry, *code)) {
    set_course(out, true, started, episode.record_id(), *setting);
  } else {
    episode.invalid_code("type");
    return NoEvent{};
  }
  auto at = started ? episode.period_start(Presence::kMandatory) : episode.ended_at();
  if (at) out.occurred_at = *at;
  return out;
}

MapResult map_care_plan(FhirResource& plan) {
  const std::string status = plan.status();
  if (status != "active" && status != "completed") return NoEvent{};
  const auto code = plan.code("category", fhir::kCarePlanKindSystem, Presence::kMandatory);
  if (!code) return NoEvent{};
  const auto level = lookup(kPlans, *code);
  if (!level) {
    plan.invalid_code("category");
    return NoEvent{};
  }
  MappedEvent out;
  auto& payload = *out.payload.mutable_rehabilitation_plan_issued();
  payload.set_plan_id(plan.record_id());
  payload.set_level(*level);
  if (auto created = plan.date_time("created", Presence::kMandatory)) {
    *payload.mutable_issued_at() = *created;
    out.occurred_at = *created;
  }
  return out;
}

bool maps(std::string_view type) {
  return type == "Encounter" || type == "EpisodeOfCare" || type == "CarePlan" ||
         type == "Appointment";
}

MapResult map(FhirResource& resource) {
  const std::string& type = resource.type();
  if (type == "Encounter") return map_encounter(resource);
  if (type == "EpisodeOfCare") return map_episode_of_care(resource);
  if (type == "CarePlan") return map_care_plan(resource);
  return fhir::map_appointment(resource);
}

}  // namespace

const fhir::SectorMapping& region_mapping() {
  static const fhir::SectorMapping mapping{maps, map, /*skip_other_municipalities=*/true};
  return mapping;
}

fhir::FhirParse parse_region_request(const fhir::FhirRequest& request) {
  return fhir::parse_fhir_request(request, region_mapping());
}

}  // namespace samsag::adapters::region
