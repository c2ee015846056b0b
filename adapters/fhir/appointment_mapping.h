// Appointment -> AppointmentScheduled / AppointmentCancelled, the same for health and region
// (adapters/health/FORMAT.md §5, §6.2): time and mode only, never reason, comment, description,
// service type, specialty or department.
#pragma once

#include "adapters/fhir/sector_mapping.h"

namespace samsag::adapters::fhir {

MapResult map_appointment(FhirResource& appointment);

}  // namespace samsag::adapters::fhir
