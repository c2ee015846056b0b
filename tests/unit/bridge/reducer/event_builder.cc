#include "event_builder.h"

#include "bridge/reducer/event_validation.h"
#include "core/events/payload_sectors.h"

namespace samsag::bridge::testing {

using samsag::v1::Event;

google::protobuf::Timestamp at_hour(std::int64_t hour) {
  google::protobuf::Timestamp t;
  t.set_seconds(kT0 + hour * kHour);
  return t;
}

Event envelope(const std::string& event_id, v1::Sector sector, std::int64_t hour) {
  Event e;
  e.set_event_id(event_id);
  e.set_municipality_code(kAarhus);
  e.set_sector(sector);
  e.set_source_system("samsag-gen");
  *e.mutable_occurred_at() = at_hour(hour);
  *e.mutable_recorded_at() = at_hour(hour + 1);
  e.set_citizen(kCitizen);
  return e;
}

v1::Sector home_sector(Event::PayloadCase payload) {
  for (v1::Sector sector : {v1::SECTOR_EMPLOYMENT, v1::SECTOR_SOCIAL, v1::SECTOR_HEALTH,
                            v1::SECTOR_REGION, v1::SECTOR_CONSENT, v1::SECTOR_PLAN}) {
    if (samsag::events::payload_allowed_in(sector, payload)) return sector;
  }
  return v1::SECTOR_UNSPECIFIED;
}

namespace {

template <typename Meeting>
void fill_meeting(Meeting* m, const std::string& id, std::int64_t hour) {
  m->set_meeting_id(id);
  m->set_kind(v1::MEETING_KIND_FOLLOW_UP);
  *m->mutable_scheduled_at() = at_hour(hour + 48);
  m->set_mode(v1::MEETING_MODE_VIDEO);
}

}  // namespace

Event sector_event(Event::PayloadCase payload, const std::string& event_id, const std::string& id,
                   std::int64_t hour, v1::Sector sector) {
  Event e =
      envelope(event_id, sector == v1::SECTOR_UNSPECIFIED ? home_sector(payload) : sector, hour);
  const auto when = at_hour(hour);
  switch (payload) {
    case Event::kTargetGroupAssigned:
      e.mutable_target_group_assigned()->set_target_group(v1::TARGET_GROUP_SICK);
      break;
    case Event::kReadinessAssessed:
      e.mutable_readiness_assessed()->set_readiness(v1::READINESS_NOT_YET_READY);
      break;
    case Event::kBenefitStarted:
      e.mutable_benefit_started()->set_benefit_id(id);
      e.mutable_benefit_started()->set_benefit(v1::BENEFIT_SYGEDAGPENGE);
      break;
    case Event::kBenefitChanged:
      e.mutable_benefit_changed()->set_benefit_id(id);
      e.mutable_benefit_changed()->set_benefit(v1::BENEFIT_SYGEDAGPENGE);
      e.mutable_benefit_changed()->set_status(v1::BENEFIT_STATUS_SUSPENDED);
      break;
    case Event::kBenefitEnded:
      e.mutable_benefit_ended()->set_benefit_id(id);
      e.mutable_benefit_ended()->set_benefit(v1::BENEFIT_SYGEDAGPENGE);
      e.mutable_benefit_ended()->set_end_reason(v1::END_REASON_JOB);
      break;
    case Event::kEffortStarted:
      e.mutable_effort_started()->set_effort_id(id);
      e.mutable_effort_started()->set_effort_type(v1::EFFORT_TYPE_MENTOR);
      e.mutable_effort_started()->set_provider_kind(v1::PROVIDER_KIND_PRIVATE_PROVIDER);
      *e.mutable_effort_started()->mutable_planned_end() = at_hour(hour + 90 * 24);
      break;
    case Event::kEffortEnded:
      e.mutable_effort_ended()->set_effort_id(id);
      e.mutable_effort_ended()->set_effort_type(v1::EFFORT_TYPE_MENTOR);
      break;
    case Event::kJobOrEducationStarted:
      e.mutable_job_or_education_started()->set_engagement_id(id);
      e.mutable_job_or_education_started()->set_kind(v1::ENGAGEMENT_KIND_FLEX_JOB);
      break;
    case Event::kJobOrEducationEnded:
      e.mutable_job_or_education_ended()->set_engagement_id(id);
      e.mutable_job_or_education_ended()->set_kind(v1::ENGAGEMENT_KIND_FLEX_JOB);
      break;
    case Event::kSicknessReported:
      e.mutable_sickness_reported()->set_sickness_id(id);
      *e.mutable_sickness_reported()->mutable_first_day() = when;
      e.mutable_sickness_reported()->set_partial(true);
      break;
    case Event::kSicknessEnded:
      e.mutable_sickness_ended()->set_sickness_id(id);
      *e.mutable_sickness_ended()->mutable_last_day() = when;
      break;
    case Event::kMeetingScheduled:
      fill_meeting(e.mutable_meeting_scheduled(), id, hour);
      break;
    case Event::kMeetingHeld:
      fill_meeting(e.mutable_meeting_held(), id, hour);
      break;
    case Event::kMeetingCancelled:
      fill_meeting(e.mutable_meeting_cancelled(), id, hour);
      break;
    case Event::kCaseworkerAssigned: {
      auto* contact = e.mutable_caseworker_assigned()->mutable_contact();
      contact->set_role(v1::CONTACT_ROLE_CASEWORKER);
      contact->set_unit_name("Unit " + id);
      contact->set_functional_contact("unit-" + id + "@example.invalid");
      break;
    }
    case Event::kAppointmentScheduled:
      e.mutable_appointment_scheduled()->set_appointment_id(id);
      *e.mutable_appointment_scheduled()->mutable_at() = at_hour(hour + 24);
      e.mutable_appointment_scheduled()->set_mode(v1::MEETING_MODE_IN_PERSON);
      break;
    case Event::kAppointmentCancelled:
      e.mutable_appointment_cancelled()->set_appointment_id(id);
      *e.mutable_appointment_cancelled()->mutable_at() = at_hour(hour + 24);
      break;
    case Event::kMeasureGranted:
      e.mutable_measure_granted()->set_measure_id(id);
      e.mutable_measure_granted()->set_legal_basis(v1::LEGAL_BASIS_SEL_85);
      *e.mutable_measure_granted()->mutable_start() = when;
      *e.mutable_measure_granted()->mutable_planned_end() = at_hour(hour + 180 * 24);
      break;
    case Event::kMeasureEnded:
      e.mutable_measure_ended()->set_measure_id(id);
      e.mutable_measure_ended()->set_legal_basis(v1::LEGAL_BASIS_SEL_85);
      *e.mutable_measure_ended()->mutable_end() = when;
      break;
    case Event::kRehabilitationStarted:
      e.mutable_rehabilitation_started()->set_plan_id(id);
      e.mutable_rehabilitation_started()->set_basis(v1::REHABILITATION_BASIS_SUL_140);
      *e.mutable_rehabilitation_started()->mutable_start() = when;
      break;
    case Event::kRehabilitationEnded:
      e.mutable_rehabilitation_ended()->set_plan_id(id);
      e.mutable_rehabilitation_ended()->set_basis(v1::REHABILITATION_BASIS_SUL_140);
      break;
    case Event::kHomeCareStarted:
      e.mutable_home_care_started()->set_care_id(id);
      e.mutable_home_care_started()->set_kind(v1::HOME_CARE_KIND_PRACTICAL_HELP);
      break;
    case Event::kHomeCareEnded:
      e.mutable_home_care_ended()->set_care_id(id);
      e.mutable_home_care_ended()->set_kind(v1::HOME_CARE_KIND_PRACTICAL_HELP);
      break;
    case Event::kHealthCourseStarted:
      e.mutable_health_course_started()->set_course_id(id);
      e.mutable_health_course_started()->set_kind(v1::HEALTH_COURSE_KIND_PREVENTION);
      break;
    case Event::kHealthCourseEnded:
      e.mutable_health_course_ended()->set_course_id(id);
      e.mutable_health_course_ended()->set_kind(v1::HEALTH_COURSE_KIND_PREVENTION);
      break;
    case Event::kHospitalAdmitted:
      e.mutable_hospital_admitted()->set_encounter_id(id);
      e.mutable_hospital_admitted()->set_psychiatric(true);
      *e.mutable_hospital_admitted()->mutable_at() = when;
      break;
    case Event::kHospitalDischarged:
      e.mutable_hospital_discharged()->set_encounter_id(id);
      e.mutable_hospital_discharged()->set_psychiatric(true);
      *e.mutable_hospital_discharged()->mutable_at() = when;
      break;
    case Event::kOutpatientCourseStarted:
      e.mutable_outpatient_course_started()->set_episode_id(id);
      break;
    case Event::kOutpatientCourseEnded:
      e.mutable_outpatient_course_ended()->set_episode_id(id);
      break;
    case Event::kPsychiatricCourseStarted:
      e.mutable_psychiatric_course_started()->set_episode_id(id);
      e.mutable_psychiatric_course_started()->set_setting(v1::PSYCHIATRIC_SETTING_OUTPATIENT);
      break;
    case Event::kPsychiatricCourseEnded:
      e.mutable_psychiatric_course_ended()->set_episode_id(id);
      break;
    case Event::kRehabilitationPlanIssued:
      e.mutable_rehabilitation_plan_issued()->set_plan_id(id);
      e.mutable_rehabilitation_plan_issued()->set_level(v1::REHABILITATION_PLAN_LEVEL_GENERAL);
      *e.mutable_rehabilitation_plan_issued()->mutable_issued_at() = when;
      break;
    case Event::kCoordinatorAssigned:
      e.mutable_coordinator_assigned()->set_coordinator_id("idp|" + id);
      e.mutable_coordinator_assigned()->set_unit_name("Jobcenter " + id);
      break;
    case Event::kHoiClosed:
      e.mutable_hoi_closed()->set_reason(v1::HOI_CLOSED_REASON_JOB_OR_EDUCATION);
      break;
    case Event::kPlanGoalSet:
      e.mutable_plan_goal_set()->set_goal_id(id);
      e.mutable_plan_goal_set()->set_area(v1::GOAL_AREA_JOB);
      e.mutable_plan_goal_set()->set_title("Find a job " + id);
      break;
    case Event::kPlanGoalUpdated:
      e.mutable_plan_goal_updated()->set_goal_id(id);
      e.mutable_plan_goal_updated()->set_area(v1::GOAL_AREA_EDUCATION);
      e.mutable_plan_goal_updated()->set_title("Start an education " + id);
      *e.mutable_plan_goal_updated()->mutable_target_date() = at_hour(hour + 365 * 24);
      break;
    case Event::kPlanGoalClosed:
      e.mutable_plan_goal_closed()->set_goal_id(id);
      e.mutable_plan_goal_closed()->set_outcome(v1::GOAL_OUTCOME_ACHIEVED);
      break;
    case Event::kConsentGranted:
    case Event::kConsentWithdrawn:
    case Event::PAYLOAD_NOT_SET:
      break;
  }
  return e;
}

Event consent_granted(const std::string& event_id, std::int64_t hour,
                      std::initializer_list<v1::Sector> scopes, const std::string& consent_id) {
  Event e = envelope(event_id, v1::SECTOR_CONSENT, hour);
  auto* grant = e.mutable_consent_granted();
  grant->set_consent_id(consent_id);
  for (v1::Sector scope : scopes) grant->add_scopes(scope);
  grant->set_purpose(v1::CONSENT_PURPOSE_HOI_COORDINATION);
  grant->set_form(v1::CONSENT_FORM_WRITTEN);
  grant->set_recorded_by("idp|coordinator-7");
  grant->set_recorded_by_role("coordinator");
  return e;
}

Event consent_withdrawn(const std::string& event_id, std::int64_t hour,
                        std::initializer_list<v1::Sector> scopes, const std::string& consent_id) {
  Event e = envelope(event_id, v1::SECTOR_CONSENT, hour);
  auto* withdrawal = e.mutable_consent_withdrawn();
  withdrawal->set_consent_id(consent_id);
  for (v1::Sector scope : scopes) withdrawal->add_scopes(scope);
  withdrawal->set_recorded_by("idp|coordinator-7");
  withdrawal->set_recorded_by_role("coordinator");
  return e;
}

}  // namespace samsag::bridge::testing
