#include "adapters/fhir/appointment_mapping.h"

#include "adapters/json_source/enum_code.h"

namespace samsag::adapters::fhir {

using json_source::Presence;

MapResult map_appointment(FhirResource& appointment) {
  const std::string status = appointment.status();
  // A `fulfilled` version took place and adds nothing the coordinator needs (FORMAT.md §5).
  if (status != "booked" && status != "cancelled") return NoEvent{};
  MappedEvent out;
  const auto start = appointment.date_time("start", Presence::kMandatory);
  if (auto booked = appointment.last_updated()) out.occurred_at = *booked;
  if (status == "booked") {
    auto& scheduled = *out.payload.mutable_appointment_scheduled();
    scheduled.set_appointment_id(appointment.record_id());
    if (start) *scheduled.mutable_at() = *start;
    if (auto code = appointment.code("appointmentType", kMeetingModeSystem, Presence::kOptional)) {
      auto mode = json_source::enum_from_code<samsag::v1::MeetingMode>(
          "MEETING_MODE_", *code, json_source::CodeSpelling::kLowerKebabExact);
      if (mode) {
        scheduled.set_mode(*mode);
      } else {
        appointment.invalid_code("appointmentType");
      }
    }
  } else {
    auto& cancelled = *out.payload.mutable_appointment_cancelled();
    cancelled.set_appointment_id(appointment.record_id());
    if (start) *cancelled.mutable_at() = *start;
  }
  return out;
}

}  // namespace samsag::adapters::fhir
