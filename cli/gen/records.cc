#include "cli/gen/records.h"

namespace samsag::gen {

std::string_view profile_name(Profile profile) {
  switch (profile) {
    case Profile::kSickListed:
      return "sick_listed";
    case Profile::kCashBenefitAddiction:
      return "cash_benefit_addiction";
    case Profile::kResourceCourseMentalHealth:
      return "resource_course_mental_health";
    case Profile::kYoungEducation:
      return "young_education";
    case Profile::kFlexJobWaiting:
      return "flex_job_waiting";
    case Profile::kHomelessShelter:
      return "homeless_shelter";
    case Profile::kInsuredUnemployedSick:
      return "insured_unemployed_sick";
  }
  return "unknown";
}

std::string_view employment_event_code(EmploymentEvent event) {
  switch (event) {
    case EmploymentEvent::kTargetGroupAssigned:
      return "MAALGRUPPE";
    case EmploymentEvent::kReadinessAssessed:
      return "PARATHED";
    case EmploymentEvent::kBenefitStarted:
      return "YDELSE_START";
    case EmploymentEvent::kBenefitChanged:
      return "YDELSE_AENDRING";
    case EmploymentEvent::kBenefitEnded:
      return "YDELSE_SLUT";
    case EmploymentEvent::kEffortStarted:
      return "INDSATS_START";
    case EmploymentEvent::kEffortEnded:
      return "INDSATS_SLUT";
    case EmploymentEvent::kMeetingScheduled:
      return "MOEDE_PLANLAGT";
    case EmploymentEvent::kMeetingHeld:
      return "MOEDE_AFHOLDT";
    case EmploymentEvent::kMeetingCancelled:
      return "MOEDE_AFLYST";
    case EmploymentEvent::kJobOrEducationStarted:
      return "JOB_UDDANNELSE_START";
    case EmploymentEvent::kJobOrEducationEnded:
      return "JOB_UDDANNELSE_SLUT";
    case EmploymentEvent::kSicknessReported:
      return "SYGEMELDING";
    case EmploymentEvent::kSicknessEnded:
      return "RASKMELDING";
    case EmploymentEvent::kCaseworkerAssigned:
      return "SAGSBEHANDLER";
  }
  return "";
}

std::string_view employment_event_name(EmploymentEvent event) {
  switch (event) {
    case EmploymentEvent::kTargetGroupAssigned:
      return "TargetGroupAssigned";
    case EmploymentEvent::kReadinessAssessed:
      return "ReadinessAssessed";
    case EmploymentEvent::kBenefitStarted:
      return "BenefitStarted";
    case EmploymentEvent::kBenefitChanged:
      return "BenefitChanged";
    case EmploymentEvent::kBenefitEnded:
      return "BenefitEnded";
    case EmploymentEvent::kEffortStarted:
      return "EffortStarted";
    case EmploymentEvent::kEffortEnded:
      return "EffortEnded";
    case EmploymentEvent::kMeetingScheduled:
      return "MeetingScheduled";
    case EmploymentEvent::kMeetingHeld:
      return "MeetingHeld";
    case EmploymentEvent::kMeetingCancelled:
      return "MeetingCancelled";
    case EmploymentEvent::kJobOrEducationStarted:
      return "JobOrEducationStarted";
    case EmploymentEvent::kJobOrEducationEnded:
      return "JobOrEducationEnded";
    case EmploymentEvent::kSicknessReported:
      return "SicknessReported";
    case EmploymentEvent::kSicknessEnded:
      return "SicknessEnded";
    case EmploymentEvent::kCaseworkerAssigned:
      return "CaseworkerAssigned";
  }
  return "";
}

std::string_view social_event_code(SocialEvent event) {
  switch (event) {
    case SocialEvent::kMeasureGranted:
      return "MEASURE_GRANTED";
    case SocialEvent::kMeasureEnded:
      return "MEASURE_ENDED";
    case SocialEvent::kCaseworkerAssigned:
      return "CASEWORKER_ASSIGNED";
    case SocialEvent::kMeetingScheduled:
      return "MEETING_SCHEDULED";
    case SocialEvent::kMeetingHeld:
      return "MEETING_HELD";
    case SocialEvent::kMeetingCancelled:
      return "MEETING_CANCELLED";
  }
  return "";
}

std::string_view social_event_name(SocialEvent event) {
  switch (event) {
    case SocialEvent::kMeasureGranted:
      return "MeasureGranted";
    case SocialEvent::kMeasureEnded:
      return "MeasureEnded";
    case SocialEvent::kCaseworkerAssigned:
      return "CaseworkerAssigned";
    case SocialEvent::kMeetingScheduled:
      return "MeetingScheduled";
    case SocialEvent::kMeetingHeld:
      return "MeetingHeld";
    case SocialEvent::kMeetingCancelled:
      return "MeetingCancelled";
  }
  return "";
}

}  // namespace samsag::gen
