// The municipal health and care adapter's parser (adapters/health/FORMAT.md §5): a FHIR body ->
// RehabilitationStarted/Ended (CarePlan), HomeCareStarted/Ended and HealthCourseStarted/Ended
// (EpisodeOfCare), CaseworkerAssigned (CareTeam), AppointmentScheduled/Cancelled (Appointment).
// Everything else is counted in `parsed.dropped`. Pure: no Kafka, no HTTP, no clock.
//
//   auto parsed = health::parse_health_request({body, request_id, config.municipality_code, ""});
//   parsed.body_rejected -> 400 with fhir::operation_outcome_json(fhir::issues_for(parsed))
#pragma once

#include "adapters/fhir/fhir_request.h"

namespace samsag::adapters::fhir {
struct SectorMapping;
}

namespace samsag::adapters::health {

fhir::FhirParse parse_health_request(const fhir::FhirRequest& request);

// The mapping itself, for tests and tools that drive adapters/fhir directly.
const fhir::SectorMapping& health_mapping();

}  // namespace samsag::adapters::health
