// What the generator knows about one synthetic citizen before it is written out: one struct per
// source record, in the vocabulary of the source formats (adapters/*/FORMAT.md). Code fields hold
// the exact code written to the file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/gen/calendar.h"

namespace samsag::gen {

// The organisational unit of a contact: never a person (domain.md §4 "Contact").
struct Unit {
  std::string_view name;
  std::string_view id;
  std::string_view functional_contact;
};

// One row of the employment CSV; `event` is the `haendelse` column.
enum class EmploymentEvent {
  kTargetGroupAssigned,
  kReadinessAssessed,
  kBenefitStarted,
  kBenefitChanged,
  kBenefitEnded,
  kEffortStarted,
  kEffortEnded,
  kMeetingScheduled,
  kMeetingHeld,
  kMeetingCancelled,
  kJobOrEducationStarted,
  kJobOrEducationEnded,
  kSicknessReported,
  kSicknessEnded,
  kCaseworkerAssigned,
};
inline constexpr int kEmploymentEventCount = 15;

struct EmploymentRecord {
  EmploymentEvent event = EmploymentEvent::kTargetGroupAssigned;
  Date date;              // `dato`: when it happened
  std::string record_id;  // `registrering_id`; a correction keeps it and raises `version`
  int version = 1;
  std::string thing_id;  // `forloeb_id`: the benefit, effort, meeting, engagement or sickness
  std::string_view target_group;
  std::string_view readiness;
  std::string_view benefit;
  std::string_view benefit_status;
  std::string_view effort;
  std::string_view provider;
  std::optional<Date> planned_end;
  int half_hours_per_week = 0;  // 0: not given
  std::string_view end_reason;
  std::string_view meeting_kind;
  LocalTime meeting_at;
  std::string_view meeting_mode;
  std::string_view engagement;
  bool partial = false;
  std::string_view role;
  Unit unit;
};

// One event object of the social JSON API.
enum class SocialEvent {
  kMeasureGranted,
  kMeasureEnded,
  kCaseworkerAssigned,
  kMeetingScheduled,
  kMeetingHeld,
  kMeetingCancelled,
};
inline constexpr int kSocialEventCount = 6;

struct SocialRecord {
  SocialEvent event = SocialEvent::kMeasureGranted;
  LocalTime occurred_at;
  bool occurred_on_date_only = false;  // written as "YYYY-MM-DD"
  std::string record_id;
  int version = 1;
  std::string thing_id;  // measure_id or meeting_id
  std::string_view legal_basis;
  Date start;
  std::optional<Date> planned_end;
  Date end;
  std::string_view provider;
  std::string_view end_reason;
  std::string_view meeting_kind;
  LocalTime meeting_at;
  std::string_view meeting_mode;
  std::string_view role;
  Unit unit;
};

// One resource version in a FHIR Bundle (health or region).
enum class FhirKind {
  kEpisodeOfCare,
  kCarePlan,
  kCareTeam,
  kEncounter,
  kAppointment,
  kObservation,
  kCondition
};

struct FhirEntry {
  FhirKind kind = FhirKind::kEpisodeOfCare;
  std::string id;
  int version = 1;
  LocalTime last_updated;
  std::string_view status;
  std::string_view code;             // samsag code: episode-kind, care-plan-kind or contact-role
  std::string_view encounter_class;  // IMP or AMB
  std::string_view care_setting;     // somatic or psychiatric (Encounter)
  std::optional<LocalTime> period_start;
  std::optional<LocalTime> period_end;
  bool period_as_dates = false;  // write period.start/end as FHIR dates
  std::optional<LocalTime> created;
  LocalTime start;  // Appointment.start
  std::string_view mode;
  Unit unit;
  // Carries text the mapper must never read (reasonCode, comment): the adapter's tests can check
  // that it never reaches Kafka.
  bool with_forbidden_text = false;
  // The event the mapper must make of this entry ("HospitalAdmitted"), or empty when it must
  // count and drop it.
  std::string_view expected_event;
};

// One line of consent/decisions.jsonl.
struct ConsentDecision {
  bool granted = true;
  LocalTime occurred_at;
  std::string consent_id;
  std::vector<std::string_view> scopes;
  std::string_view form;
  std::string recorded_by;
  std::optional<LocalTime> valid_until;
  std::string case_file_ref;
};

// Someone from a neighbouring municipality who appears in the region's export and that the
// region adapter must skip (the region serves many municipalities, domain.md §9).
struct Neighbour {
  std::string cpr;
  std::string patient_id;
  int municipality_code = 0;
  std::vector<FhirEntry> region;
};

// Synthetic life courses of HOI citizens (domain.md §4), named for citizens.csv.
enum class Profile {
  kSickListed,
  kCashBenefitAddiction,
  kResourceCourseMentalHealth,
  kYoungEducation,
  kFlexJobWaiting,
  kHomelessShelter,
  kInsuredUnemployedSick,
};

struct CitizenHistory {
  std::uint64_t index = 0;
  std::string cpr;
  std::string patient_id;
  Profile profile = Profile::kSickListed;
  std::string_view consent_summary;  // ALL, PARTIAL, NONE, WITHDRAWN, EXPIRED
  std::vector<EmploymentRecord> employment;
  std::vector<SocialRecord> social;
  std::vector<FhirEntry> health;
  std::vector<FhirEntry> region;
  std::vector<ConsentDecision> consent;
  std::optional<Neighbour> neighbour;
};

std::string_view profile_name(Profile profile);
std::string_view employment_event_code(EmploymentEvent event);  // the `haendelse` value
std::string_view employment_event_name(EmploymentEvent event);  // "BenefitStarted"
std::string_view social_event_code(SocialEvent event);          // the JSON `type` value
std::string_view social_event_name(SocialEvent event);          // "MeasureGranted"

}  // namespace samsag::gen
