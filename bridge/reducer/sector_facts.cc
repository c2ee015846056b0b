#include "bridge/reducer/sector_facts.h"

namespace samsag::bridge {

namespace {

using samsag::v1::Event;

ActivityFact activity(const char* kind, const std::string& id, std::string type, Phase phase) {
  ActivityFact fact;
  fact.kind = kind;
  fact.key = std::string(kind) + "/" + id;
  fact.type = std::move(type);
  fact.phase = phase;
  return fact;
}

// Most sources say when something started or ended only through the event's own time.
ActivityFact started(const Event& e, const char* kind, const std::string& id, std::string type) {
  ActivityFact fact = activity(kind, id, std::move(type), Phase::kStarted);
  fact.start = e.occurred_at();
  return fact;
}

ActivityFact ended(const Event& e, const char* kind, const std::string& id, std::string type) {
  ActivityFact fact = activity(kind, id, std::move(type), Phase::kEnded);
  fact.end = e.occurred_at();
  return fact;
}

template <typename MeetingPayload>
MeetingFact meeting(const MeetingPayload& p, samsag::v1::MeetingState state) {
  MeetingFact fact;
  fact.key = "meeting/" + p.meeting_id();
  fact.kind = p.kind();
  fact.at = p.scheduled_at();
  fact.mode = p.mode();
  fact.state = state;
  return fact;
}

MeetingFact appointment(const std::string& id, const google::protobuf::Timestamp& at,
                        samsag::v1::MeetingMode mode, samsag::v1::MeetingState state) {
  MeetingFact fact;
  fact.key = "appointment/" + id;
  fact.kind = samsag::v1::MEETING_KIND_HEALTH_APPOINTMENT;
  fact.at = at;
  fact.mode = mode;
  fact.state = state;
  return fact;
}

// Only the somatic/psychiatric split is shown, never a department (domain.md §4).
std::string stay_type(bool psychiatric) { return psychiatric ? "PSYCHIATRIC" : "SOMATIC"; }

std::optional<SectorFact> employment_fact(const Event& e) {
  switch (e.payload_case()) {
    case Event::kTargetGroupAssigned:
      return TargetGroupFact{e.target_group_assigned().target_group()};
    case Event::kReadinessAssessed:
      return ReadinessFact{e.readiness_assessed().readiness()};
    case Event::kBenefitStarted: {
      const auto& p = e.benefit_started();
      return started(e, "benefit", p.benefit_id(), v1::Benefit_Name(p.benefit()));
    }
    case Event::kBenefitChanged: {
      const auto& p = e.benefit_changed();
      ActivityFact fact =
          activity("benefit", p.benefit_id(), v1::Benefit_Name(p.benefit()), Phase::kChanged);
      fact.changed_state = p.status() == v1::BENEFIT_STATUS_SUSPENDED ? v1::ACTIVITY_STATE_SUSPENDED
                                                                      : v1::ACTIVITY_STATE_ACTIVE;
      return fact;
    }
    case Event::kBenefitEnded: {
      const auto& p = e.benefit_ended();
      ActivityFact fact = ended(e, "benefit", p.benefit_id(), v1::Benefit_Name(p.benefit()));
      fact.end_reason = p.end_reason();
      return fact;
    }
    case Event::kEffortStarted: {
      const auto& p = e.effort_started();
      ActivityFact fact = started(e, "effort", p.effort_id(), v1::EffortType_Name(p.effort_type()));
      if (p.has_planned_end()) {
        fact.planned_end = p.planned_end();
      }
      fact.provider_kind = p.provider_kind();
      return fact;
    }
    case Event::kEffortEnded: {
      const auto& p = e.effort_ended();
      ActivityFact fact = ended(e, "effort", p.effort_id(), v1::EffortType_Name(p.effort_type()));
      fact.end_reason = p.end_reason();
      return fact;
    }
    case Event::kJobOrEducationStarted: {
      const auto& p = e.job_or_education_started();
      return started(e, "job_or_education", p.engagement_id(), v1::EngagementKind_Name(p.kind()));
    }
    case Event::kJobOrEducationEnded: {
      const auto& p = e.job_or_education_ended();
      return ended(e, "job_or_education", p.engagement_id(), v1::EngagementKind_Name(p.kind()));
    }
    case Event::kSicknessReported: {
      const auto& p = e.sickness_reported();
      ActivityFact fact = started(e, "sickness", p.sickness_id(), p.partial() ? "PARTIAL" : "FULL");
      fact.start = p.first_day();
      return fact;
    }
    case Event::kSicknessEnded: {
      const auto& p = e.sickness_ended();
      ActivityFact fact = ended(e, "sickness", p.sickness_id(), "");
      fact.end = p.last_day();
      return fact;
    }
    default:
      return std::nullopt;
  }
}

std::optional<SectorFact> social_or_shared_fact(const Event& e) {
  switch (e.payload_case()) {
    case Event::kMeetingScheduled:
      return meeting(e.meeting_scheduled(), v1::MEETING_STATE_SCHEDULED);
    case Event::kMeetingHeld:
      return meeting(e.meeting_held(), v1::MEETING_STATE_HELD);
    case Event::kMeetingCancelled:
      return meeting(e.meeting_cancelled(), v1::MEETING_STATE_CANCELLED);
    case Event::kCaseworkerAssigned:
      return ContactFact{&e.caseworker_assigned().contact()};
    case Event::kAppointmentScheduled: {
      const auto& p = e.appointment_scheduled();
      return appointment(p.appointment_id(), p.at(), p.mode(), v1::MEETING_STATE_SCHEDULED);
    }
    case Event::kAppointmentCancelled: {
      const auto& p = e.appointment_cancelled();
      return appointment(p.appointment_id(), p.at(), v1::MEETING_MODE_UNSPECIFIED,
                         v1::MEETING_STATE_CANCELLED);
    }
    case Event::kMeasureGranted: {
      const auto& p = e.measure_granted();
      ActivityFact fact = activity("measure", p.measure_id(), v1::LegalBasis_Name(p.legal_basis()),
                                   Phase::kStarted);
      fact.start = p.start();
      if (p.has_planned_end()) {
        fact.planned_end = p.planned_end();
      }
      fact.provider_kind = p.provider_kind();
      return fact;
    }
    case Event::kMeasureEnded: {
      const auto& p = e.measure_ended();
      ActivityFact fact =
          activity("measure", p.measure_id(), v1::LegalBasis_Name(p.legal_basis()), Phase::kEnded);
      fact.end = p.end();
      fact.end_reason = p.end_reason();
      return fact;
    }
    default:
      return std::nullopt;
  }
}

std::optional<SectorFact> health_or_region_fact(const Event& e) {
  switch (e.payload_case()) {
    case Event::kRehabilitationStarted: {
      const auto& p = e.rehabilitation_started();
      ActivityFact fact = activity("rehabilitation", p.plan_id(),
                                   v1::RehabilitationBasis_Name(p.basis()), Phase::kStarted);
      fact.start = p.start();
      if (p.has_planned_end()) {
        fact.planned_end = p.planned_end();
      }
      return fact;
    }
    case Event::kRehabilitationEnded: {
      const auto& p = e.rehabilitation_ended();
      return ended(e, "rehabilitation", p.plan_id(), v1::RehabilitationBasis_Name(p.basis()));
    }
    case Event::kHomeCareStarted:
      return started(e, "home_care", e.home_care_started().care_id(),
                     v1::HomeCareKind_Name(e.home_care_started().kind()));
    case Event::kHomeCareEnded:
      return ended(e, "home_care", e.home_care_ended().care_id(),
                   v1::HomeCareKind_Name(e.home_care_ended().kind()));
    case Event::kHealthCourseStarted:
      return started(e, "health_course", e.health_course_started().course_id(),
                     v1::HealthCourseKind_Name(e.health_course_started().kind()));
    case Event::kHealthCourseEnded:
      return ended(e, "health_course", e.health_course_ended().course_id(),
                   v1::HealthCourseKind_Name(e.health_course_ended().kind()));
    case Event::kHospitalAdmitted: {
      const auto& p = e.hospital_admitted();
      ActivityFact fact = started(e, "admission", p.encounter_id(), stay_type(p.psychiatric()));
      fact.start = p.at();
      return fact;
    }
    case Event::kHospitalDischarged: {
      const auto& p = e.hospital_discharged();
      ActivityFact fact = ended(e, "admission", p.encounter_id(), stay_type(p.psychiatric()));
      fact.end = p.at();
      return fact;
    }
    case Event::kOutpatientCourseStarted:
      return started(e, "outpatient_course", e.outpatient_course_started().episode_id(), "SOMATIC");
    case Event::kOutpatientCourseEnded:
      return ended(e, "outpatient_course", e.outpatient_course_ended().episode_id(), "SOMATIC");
    case Event::kPsychiatricCourseStarted:
      return started(e, "psychiatric_course", e.psychiatric_course_started().episode_id(),
                     v1::PsychiatricSetting_Name(e.psychiatric_course_started().setting()));
    case Event::kPsychiatricCourseEnded:
      return ended(e, "psychiatric_course", e.psychiatric_course_ended().episode_id(),
                   v1::PsychiatricSetting_Name(e.psychiatric_course_ended().setting()));
    case Event::kRehabilitationPlanIssued: {
      // A plan is issued once and stays in force; it is shown as an active activity.
      const auto& p = e.rehabilitation_plan_issued();
      ActivityFact fact = activity("rehabilitation_plan", p.plan_id(),
                                   v1::RehabilitationPlanLevel_Name(p.level()), Phase::kStarted);
      fact.start = p.issued_at();
      return fact;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<SectorFact> sector_fact_of(const Event& event) {
  if (auto fact = employment_fact(event)) {
    return fact;
  }
  if (auto fact = social_or_shared_fact(event)) {
    return fact;
  }
  return health_or_region_fact(event);
}

const std::string& subject_of(const SectorFact& fact) {
  static const std::string kNone;
  if (const auto* a = std::get_if<ActivityFact>(&fact)) {
    return a->key;
  }
  if (const auto* m = std::get_if<MeetingFact>(&fact)) {
    return m->key;
  }
  return kNone;
}

}  // namespace samsag::bridge
