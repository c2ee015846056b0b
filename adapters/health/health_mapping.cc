#include <array>
#include <utility>

#include "adapters/fhir/appointment_mapping.h"
#include "adapters/fhir/sector_mapping.h"
#include "adapters/health/health_parser.h"
#include "adapters/json_source/enum_code.h"

namespace samsag::adapters::health {
namespace {

using fhir::FhirResource;
using fhir::MappedEvent;
using fhir::MapResult;
using fhir::NoEvent;
using json_source::Presence;

constexpr std::size_t kMaxUnitName = 100;  // domain.md §9 Contact
constexpr std::size_t kMaxUnitId = 64;
constexpr std::size_t kMaxFunctionalContact = 100;

// episode-kind codes of municipal home care (SEL §83, SUL §138) and health courses.
constexpr std::array<std::pair<std::string_view, samsag::v1::HomeCareKind>, 3> kHomeCare{{
    {"home-care-personal", samsag::v1::HOME_CARE_KIND_PERSONAL_CARE},
    {"home-care-practical", samsag::v1::HOME_CARE_KIND_PRACTICAL_HELP},
    {"home-nursing", samsag::v1::HOME_CARE_KIND_HOME_NURSING},
}};
constexpr std::array<std::pair<std::string_view, samsag::v1::HealthCourseKind>, 3> kCourses{{
    {"health-course-prevention", samsag::v1::HEALTH_COURSE_KIND_PREVENTION},
    {"health-course-chronic-care", samsag::v1::HEALTH_COURSE_KIND_CHRONIC_CARE_REHAB},
    {"health-course-other", samsag::v1::HEALTH_COURSE_KIND_OTHER},
}};
// care-plan-kind codes of municipal rehabilitation training.
constexpr std::array<std::pair<std::string_view, samsag::v1::RehabilitationBasis>, 2> kBases{{
    {"rehabilitation-sul-140", samsag::v1::REHABILITATION_BASIS_SUL_140},
    {"rehabilitation-sel-86", samsag::v1::REHABILITATION_BASIS_SEL_86},
}};

template <typename Table>
auto lookup(const Table& table, std::string_view code)
    -> std::optional<typename Table::value_type::second_type> {
  for (const auto& [name, value] : table) {
    if (name == code) return value;
  }
  return std::nullopt;
}

MapResult map_episode_of_care(FhirResource& episode) {
  const std::string status = episode.status();
  const bool started = status == "active";
  if (!started && status != "finished" && status != "cancelled") return NoEvent{};
  const auto code = episode.code("type", fhir::kEpisodeKindSystem, Presence::kMandatory);
  if (!code) return NoEvent{};
  MappedEvent out;
  const std::string id = episode.record_id();
  if (auto kind = lookup(kHomeCare, *code)) {
    if (started) {
      out.payload.mutable_home_care_started()->set_care_id(id);
      out.payload.mutable_home_care_started()->set_kind(*kind);
    } else {
      out.payload.mutable_home_care_ended()->set_care_id(id);
      out.payload.mutable_home_care_ended()->set_kind(*kind);
    }
  } else if (auto course = lookup(kCourses, *code)) {
    if (started) {
      out.payload.mutable_health_course_started()->set_course_id(id);
      out.payload.mutable_health_course_started()->set_kind(*course);
    } else {
      out.payload.mutable_health_course_ended()->set_course_id(id);
      out.payload.mutable_health_course_ended()->set_kind(*course);
    }
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
  const bool started = status == "active";
  if (!started && status != "completed" && status != "revoked") return NoEvent{};
  const auto code = plan.code("category", fhir::kCarePlanKindSystem, Presence::kMandatory);
  if (!code) return NoEvent{};
  const auto basis = lookup(kBases, *code);
  if (!basis) {
    plan.invalid_code("category");
    return NoEvent{};
  }
  MappedEvent out;
  if (!started) {
    auto& ended = *out.payload.mutable_rehabilitation_ended();
    ended.set_plan_id(plan.record_id());
    ended.set_basis(*basis);
    if (auto at = plan.ended_at()) out.occurred_at = *at;
    return out;
  }
  auto& payload = *out.payload.mutable_rehabilitation_started();
  payload.set_plan_id(plan.record_id());
  payload.set_basis(*basis);
  const auto start = plan.period_start(Presence::kMandatory);
  const auto planned_end = plan.period_end(Presence::kOptional);
  if (start) {
    *payload.mutable_start() = *start;
    out.occurred_at = *start;
  }
  if (planned_end) {
    *payload.mutable_planned_end() = *planned_end;
    if (start) plan.check_period_order(*start, *planned_end);
  }
  return out;
}

// The first element of the array at `key`, as an object, or nullptr (reporting MISSING_FIELD
// when mandatory and absent, INVALID_VALUE when not an object).
const boost::json::object* first_object(json_source::ObjectReader& reader, std::string_view key,
                                        Presence presence) {
  const boost::json::array* list = reader.array(key, presence);
  if (list == nullptr) return nullptr;
  if (list->empty()) {
    if (presence == Presence::kMandatory) reader.missing(key);
    return nullptr;
  }
  if (!(*list)[0].is_object()) {
    reader.invalid(std::string(key) + "[0]", "must be a JSON object");
    return nullptr;
  }
  return &(*list)[0].get_object();
}

MapResult map_care_team(FhirResource& team) {
  if (team.status() != "active") return NoEvent{};
  json_source::ObjectReader& reader = team.reader();
  MappedEvent out;
  auto& contact = *out.payload.mutable_caseworker_assigned()->mutable_contact();
  if (const auto* participant = first_object(reader, "participant", Presence::kMandatory)) {
    FhirResource first(*participant, "CareTeam.participant", reader.path_of("participant[0]"),
                       reader.sink());
    if (auto code = first.code("role", fhir::kContactRoleSystem, Presence::kMandatory)) {
      auto role = json_source::enum_from_code<samsag::v1::ContactRole>(
          "CONTACT_ROLE_", *code, json_source::CodeSpelling::kLowerKebabExact);
      if (role) {
        contact.set_role(*role);
      } else {
        first.invalid_code("role");
      }
    }
  }
  // The unit, never a department or a person (domain.md §4).
  if (const auto* organisation =
          first_object(reader, "managingOrganization", Presence::kMandatory)) {
    json_source::ObjectReader unit(*organisation, reader.path_of("managingOrganization[0]"),
                                   reader.sink());
    if (auto name = unit.forwarded_text("display", Presence::kMandatory, kMaxUnitName)) {
      contact.set_unit_name(*name);
    }
    if (auto identifier = unit.child("identifier", Presence::kOptional)) {
      if (auto id = identifier->forwarded_text("value", Presence::kOptional, kMaxUnitId)) {
        contact.set_unit_id(*id);
      }
    }
  }
  if (const auto* telecom = first_object(reader, "telecom", Presence::kOptional)) {
    json_source::ObjectReader point(*telecom, reader.path_of("telecom[0]"), reader.sink());
    if (auto value = point.forwarded_text("value", Presence::kOptional, kMaxFunctionalContact)) {
      contact.set_functional_contact(*value);
    }
  }
  auto at = team.period_start(Presence::kOptional);
  if (!at) at = team.last_updated();
  if (at) out.occurred_at = *at;
  return out;
}

bool maps(std::string_view type) {
  return type == "EpisodeOfCare" || type == "CarePlan" || type == "CareTeam" ||
         type == "Appointment";
}

MapResult map(FhirResource& resource) {
  const std::string& type = resource.type();
  if (type == "EpisodeOfCare") return map_episode_of_care(resource);
  if (type == "CarePlan") return map_care_plan(resource);
  if (type == "CareTeam") return map_care_team(resource);
  return fhir::map_appointment(resource);
}

}  // namespace

const fhir::SectorMapping& health_mapping() {
  static const fhir::SectorMapping mapping{maps, map, /*skip_other_municipalities=*/false};
  return mapping;
}

fhir::FhirParse parse_health_request(const fhir::FhirRequest& request) {
  return fhir::parse_fhir_request(request, health_mapping());
}

}  // namespace samsag::adapters::health
