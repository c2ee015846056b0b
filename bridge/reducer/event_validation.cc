#include "bridge/reducer/event_validation.h"

#include <google/protobuf/descriptor.h>

#include "bridge/reducer/consent_rules.h"
#include "bridge/reducer/stamp.h"
#include "core/events/payload_sectors.h"

namespace samsag::bridge {

namespace {

using samsag::v1::Event;
using samsag::v1::Sector;

Refusal missing(const std::string& field) {
  return Refusal{make_error("MISSING_FIELD", "The mandatory field " + field + " is missing."),
                 field};
}

Refusal invalid(const std::string& field, const std::string& why) {
  return Refusal{make_error("INVALID_VALUE", "The field " + field + " " + why + "."), field};
}

// Collects the first problem of a payload; each check names the field as "<payload>.<field>".
class PayloadCheck {
 public:
  // Names the payload only when a problem is found: most events are well formed.
  explicit PayloadCheck(const Event& event) : event_(event) {}

  PayloadCheck& id(const std::string& field, const std::string& value) {
    if (!problem_ && value.empty()) {
      problem_ = missing(path(field));
    }
    return *this;
  }
  PayloadCheck& code(const std::string& field, int value) {
    if (!problem_ && value == 0) {
      problem_ = missing(path(field));
    }
    return *this;
  }
  PayloadCheck& time(const std::string& field, bool present) {
    if (!problem_ && !present) {
      problem_ = missing(path(field));
    }
    return *this;
  }
  PayloadCheck& contact(const std::string& field, bool present,
                        const samsag::v1::Contact& contact) {
    if (!present) {
      return time(field, false);
    }
    code(field + ".role", contact.role());
    return id(field + ".unit_name", contact.unit_name());
  }
  PayloadCheck& scopes(const std::string& field, const google::protobuf::RepeatedField<int>& scopes,
                       bool may_be_empty) {
    if (problem_) {
      return *this;
    }
    if (scopes.empty() && !may_be_empty) {
      problem_ = missing(path(field));
    }
    for (int scope : scopes) {
      if (!is_data_sector(static_cast<Sector>(scope))) {
        problem_ = invalid(path(field),
                           "names a sector that is not employment, social, health "
                           "or region");
        break;
      }
    }
    return *this;
  }
  PayloadCheck& fail(const std::string& field, const std::string& why) {
    if (!problem_) {
      problem_ = invalid(path(field), why);
    }
    return *this;
  }

  std::optional<Refusal> result() && { return std::move(problem_); }

 private:
  std::string path(const std::string& field) const { return payload_name(event_) + "." + field; }

  const Event& event_;
  std::optional<Refusal> problem_;
};

std::optional<Refusal> check_payload(const Event& e) {
  PayloadCheck check(e);
  switch (e.payload_case()) {
    case Event::kTargetGroupAssigned:
      check.code("target_group", e.target_group_assigned().target_group());
      break;
    case Event::kReadinessAssessed:
      check.code("readiness", e.readiness_assessed().readiness());
      break;
    case Event::kBenefitStarted:
      check.id("benefit_id", e.benefit_started().benefit_id())
          .code("benefit", e.benefit_started().benefit());
      break;
    case Event::kBenefitChanged:
      check.id("benefit_id", e.benefit_changed().benefit_id())
          .code("benefit", e.benefit_changed().benefit())
          .code("status", e.benefit_changed().status());
      break;
    case Event::kBenefitEnded:
      check.id("benefit_id", e.benefit_ended().benefit_id())
          .code("benefit", e.benefit_ended().benefit());
      break;
    case Event::kEffortStarted:
      check.id("effort_id", e.effort_started().effort_id())
          .code("effort_type", e.effort_started().effort_type());
      break;
    case Event::kEffortEnded:
      check.id("effort_id", e.effort_ended().effort_id())
          .code("effort_type", e.effort_ended().effort_type());
      break;
    case Event::kJobOrEducationStarted:
      check.id("engagement_id", e.job_or_education_started().engagement_id())
          .code("kind", e.job_or_education_started().kind());
      break;
    case Event::kJobOrEducationEnded:
      check.id("engagement_id", e.job_or_education_ended().engagement_id())
          .code("kind", e.job_or_education_ended().kind());
      break;
    case Event::kSicknessReported:
      check.id("sickness_id", e.sickness_reported().sickness_id())
          .time("first_day", e.sickness_reported().has_first_day());
      break;
    case Event::kSicknessEnded:
      check.id("sickness_id", e.sickness_ended().sickness_id())
          .time("last_day", e.sickness_ended().has_last_day());
      break;
    case Event::kMeetingScheduled:
      check.id("meeting_id", e.meeting_scheduled().meeting_id())
          .code("kind", e.meeting_scheduled().kind())
          .time("scheduled_at", e.meeting_scheduled().has_scheduled_at());
      break;
    case Event::kMeetingHeld:
      check.id("meeting_id", e.meeting_held().meeting_id())
          .code("kind", e.meeting_held().kind())
          .time("scheduled_at", e.meeting_held().has_scheduled_at());
      break;
    case Event::kMeetingCancelled:
      check.id("meeting_id", e.meeting_cancelled().meeting_id())
          .code("kind", e.meeting_cancelled().kind())
          .time("scheduled_at", e.meeting_cancelled().has_scheduled_at());
      break;
    case Event::kCaseworkerAssigned:
      check.contact("contact", e.caseworker_assigned().has_contact(),
                    e.caseworker_assigned().contact());
      break;
    case Event::kAppointmentScheduled:
      check.id("appointment_id", e.appointment_scheduled().appointment_id())
          .time("at", e.appointment_scheduled().has_at());
      break;
    case Event::kAppointmentCancelled:
      check.id("appointment_id", e.appointment_cancelled().appointment_id())
          .time("at", e.appointment_cancelled().has_at());
      break;
    case Event::kMeasureGranted:
      check.id("measure_id", e.measure_granted().measure_id())
          .code("legal_basis", e.measure_granted().legal_basis())
          .time("start", e.measure_granted().has_start());
      break;
    case Event::kMeasureEnded:
      check.id("measure_id", e.measure_ended().measure_id())
          .code("legal_basis", e.measure_ended().legal_basis())
          .time("end", e.measure_ended().has_end());
      break;
    case Event::kRehabilitationStarted:
      check.id("plan_id", e.rehabilitation_started().plan_id())
          .code("basis", e.rehabilitation_started().basis())
          .time("start", e.rehabilitation_started().has_start());
      break;
    case Event::kRehabilitationEnded:
      check.id("plan_id", e.rehabilitation_ended().plan_id())
          .code("basis", e.rehabilitation_ended().basis());
      break;
    case Event::kHomeCareStarted:
      check.id("care_id", e.home_care_started().care_id())
          .code("kind", e.home_care_started().kind());
      break;
    case Event::kHomeCareEnded:
      check.id("care_id", e.home_care_ended().care_id()).code("kind", e.home_care_ended().kind());
      break;
    case Event::kHealthCourseStarted:
      check.id("course_id", e.health_course_started().course_id())
          .code("kind", e.health_course_started().kind());
      break;
    case Event::kHealthCourseEnded:
      check.id("course_id", e.health_course_ended().course_id())
          .code("kind", e.health_course_ended().kind());
      break;
    case Event::kHospitalAdmitted:
      check.id("encounter_id", e.hospital_admitted().encounter_id())
          .time("at", e.hospital_admitted().has_at());
      break;
    case Event::kHospitalDischarged:
      check.id("encounter_id", e.hospital_discharged().encounter_id())
          .time("at", e.hospital_discharged().has_at());
      break;
    case Event::kOutpatientCourseStarted:
      check.id("episode_id", e.outpatient_course_started().episode_id());
      break;
    case Event::kOutpatientCourseEnded:
      check.id("episode_id", e.outpatient_course_ended().episode_id());
      break;
    case Event::kPsychiatricCourseStarted:
      check.id("episode_id", e.psychiatric_course_started().episode_id());
      break;
    case Event::kPsychiatricCourseEnded:
      check.id("episode_id", e.psychiatric_course_ended().episode_id());
      break;
    case Event::kRehabilitationPlanIssued:
      check.id("plan_id", e.rehabilitation_plan_issued().plan_id())
          .time("issued_at", e.rehabilitation_plan_issued().has_issued_at());
      break;
    case Event::kConsentGranted: {
      const auto& grant = e.consent_granted();
      check.id("consent_id", grant.consent_id())
          .scopes("scopes", grant.scopes(), /*may_be_empty=*/false)
          .code("purpose", grant.purpose())
          .code("form", grant.form())
          .id("recorded_by", grant.recorded_by())
          .id("recorded_by_role", grant.recorded_by_role());
      // GDPR art. 7: a consent that ends before it begins covers nothing and proves nothing.
      if (grant.has_valid_until() && compare(grant.valid_until(), e.occurred_at()) <= 0) {
        check.fail("valid_until", "must be after the consent's occurred_at");
      }
      break;
    }
    case Event::kConsentWithdrawn:
      check.id("consent_id", e.consent_withdrawn().consent_id())
          .scopes("scopes", e.consent_withdrawn().scopes(), /*may_be_empty=*/true)
          .id("recorded_by", e.consent_withdrawn().recorded_by())
          .id("recorded_by_role", e.consent_withdrawn().recorded_by_role());
      break;
    case Event::kCoordinatorAssigned:
      check.id("coordinator_id", e.coordinator_assigned().coordinator_id())
          .id("unit_name", e.coordinator_assigned().unit_name());
      break;
    case Event::kHoiClosed:
      check.code("reason", e.hoi_closed().reason());
      break;
    case Event::kPlanGoalSet:
      check.id("goal_id", e.plan_goal_set().goal_id())
          .code("area", e.plan_goal_set().area())
          .id("title", e.plan_goal_set().title());
      break;
    case Event::kPlanGoalUpdated:
      check.id("goal_id", e.plan_goal_updated().goal_id())
          .code("area", e.plan_goal_updated().area())
          .id("title", e.plan_goal_updated().title());
      break;
    case Event::kPlanGoalClosed:
      check.id("goal_id", e.plan_goal_closed().goal_id())
          .code("outcome", e.plan_goal_closed().outcome());
      break;
    case Event::PAYLOAD_NOT_SET:
      break;
  }
  return std::move(check).result();
}

}  // namespace

const std::string& payload_name(const Event& event) {
  static const std::string kNone = "none";
  if (event.payload_case() == Event::PAYLOAD_NOT_SET) {
    return kNone;
  }
  return Event::descriptor()->FindFieldByNumber(event.payload_case())->name();
}

std::optional<Refusal> check_event(const Event& event) {
  if (event.event_id().empty()) {
    return missing("event_id");
  }
  if (event.citizen().empty()) {
    return missing("citizen");
  }
  if (event.municipality_code() == 0) {
    return missing("municipality_code");
  }
  // Every latest-wins decision orders by occurred_at; an event without it cannot be placed.
  if (!event.has_occurred_at()) {
    return missing("occurred_at");
  }
  if (event.payload_case() == Event::PAYLOAD_NOT_SET) {
    return Refusal{make_error("INVALID_EVENT", "The event carries no payload samsag knows."),
                   "payload"};
  }
  if (!samsag::events::payload_allowed_in(event.sector(), event.payload_case())) {
    return Refusal{
        make_error("INVALID_EVENT", "A " + payload_name(event) + " payload is not allowed on the " +
                                        v1::Sector_Name(event.sector()) + " stream."),
        "sector"};
  }
  return check_payload(event);
}

}  // namespace samsag::bridge
