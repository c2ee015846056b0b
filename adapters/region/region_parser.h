// The region adapter's parser (adapters/health/FORMAT.md §6): a FHIR body from a hospital system
// -> HospitalAdmitted/Discharged (Encounter IMP/ACUTE/NONAC), Outpatient- and
// PsychiatricCourseStarted/Ended (Encounter AMB, EpisodeOfCare), RehabilitationPlanIssued
// (CarePlan, the genoptræningsplan), AppointmentScheduled/Cancelled. The somatic/psychiatric split
// is the only clinical fact that passes. Entries of Patients living in another municipality are
// counted in `skipped_other_municipality`; everything unmapped in `parsed.dropped`.
//
//   auto parsed = region::parse_region_request({body, request_id, config.municipality_code, ""});
#pragma once

#include "adapters/fhir/fhir_request.h"

namespace samsag::adapters::fhir {
struct SectorMapping;
}

namespace samsag::adapters::region {

// `request.municipality_code` must be the adapter's municipality: Patients whose dk-core
// municipality code differs are skipped.
fhir::FhirParse parse_region_request(const fhir::FhirRequest& request);

// The mapping itself, for tests and tools that drive adapters/fhir directly.
const fhir::SectorMapping& region_mapping();

}  // namespace samsag::adapters::region
