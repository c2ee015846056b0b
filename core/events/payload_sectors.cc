#include "core/events/payload_sectors.h"

namespace samsag::events {

using samsag::v1::Event;
using samsag::v1::Sector;

bool payload_allowed_in(Sector sector, Event::PayloadCase payload) {
  switch (payload) {
    case Event::kTargetGroupAssigned:
    case Event::kReadinessAssessed:
    case Event::kBenefitStarted:
    case Event::kBenefitChanged:
    case Event::kBenefitEnded:
    case Event::kEffortStarted:
    case Event::kEffortEnded:
    case Event::kJobOrEducationStarted:
    case Event::kJobOrEducationEnded:
    // Sick-listing is employment's: the employment effort administers sygedagpenge.
    case Event::kSicknessReported:
    case Event::kSicknessEnded:
      return sector == samsag::v1::SECTOR_EMPLOYMENT;
    case Event::kMeetingScheduled:
    case Event::kMeetingHeld:
    case Event::kMeetingCancelled:
      return sector == samsag::v1::SECTOR_EMPLOYMENT || sector == samsag::v1::SECTOR_SOCIAL;
    case Event::kCaseworkerAssigned:
      return sector == samsag::v1::SECTOR_EMPLOYMENT || sector == samsag::v1::SECTOR_SOCIAL ||
             sector == samsag::v1::SECTOR_HEALTH;
    case Event::kAppointmentScheduled:
    case Event::kAppointmentCancelled:
      return sector == samsag::v1::SECTOR_HEALTH || sector == samsag::v1::SECTOR_REGION;
    case Event::kMeasureGranted:
    case Event::kMeasureEnded:
      return sector == samsag::v1::SECTOR_SOCIAL;
    case Event::kRehabilitationStarted:
    case Event::kRehabilitationEnded:
    case Event::kHomeCareStarted:
    case Event::kHomeCareEnded:
    case Event::kHealthCourseStarted:
    case Event::kHealthCourseEnded:
      return sector == samsag::v1::SECTOR_HEALTH;
    case Event::kHospitalAdmitted:
    case Event::kHospitalDischarged:
    case Event::kOutpatientCourseStarted:
    case Event::kOutpatientCourseEnded:
    case Event::kPsychiatricCourseStarted:
    case Event::kPsychiatricCourseEnded:
    case Event::kRehabilitationPlanIssued:
      return sector == samsag::v1::SECTOR_REGION;
    case Event::kConsentGranted:
    case Event::kConsentWithdrawn:
      return sector == samsag::v1::SECTOR_CONSENT;
    case Event::kCoordinatorAssigned:
    case Event::kHoiClosed:
    case Event::kPlanGoalSet:
    case Event::kPlanGoalUpdated:
    case Event::kPlanGoalClosed:
      return sector == samsag::v1::SECTOR_PLAN;
    case Event::PAYLOAD_NOT_SET:
      return false;
  }
  return false;
}

std::string_view payload_name(Event::PayloadCase payload) {
  if (payload == Event::PAYLOAD_NOT_SET) return {};
  const auto* field = Event::descriptor()->FindFieldByNumber(static_cast<int>(payload));
  return field == nullptr ? std::string_view{} : std::string_view(field->name());
}

}  // namespace samsag::events
