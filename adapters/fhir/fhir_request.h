// Reading an HL7 FHIR R4 request body for the health and region adapters (adapters/health/
// FORMAT.md): a Bundle (`collection`, `batch`, `transaction`, `message`) or a single resource
// (`POST /fhir/{ResourceType}`) -> one SourceRecord or Rejection per mapped resource version,
// and counts of what was dropped or skipped. Which resources and codes become which events is
// the sector's SectorMapping (adapters/health, adapters/region); this part finds the Patients
// and their CPR numbers, resolves references, checks ids and versions, and makes sure that
// nothing of an unmapped resource (Observation, Condition, ...) is copied anywhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/json_source/request_error.h"
#include "adapters/runtime/source_record.h"

namespace samsag::adapters::fhir {

struct SectorMapping;

struct FhirRequest {
  std::string_view body;
  std::string request_id;  // put in every record's position, for dead letters
  // The adapter's municipality. Region: Patients living elsewhere are skipped; 0 skips nobody.
  std::uint32_t municipality_code = 0;
  // For `POST /fhir/{ResourceType}`: the type named in the URL, which the body must have.
  // Empty for `POST /fhir` (a Bundle or any single resource).
  std::string resource_type_in_url;
};

struct FhirParse {
  // One record per entry that gives an event or cannot be read, in entry order; position.index
  // is the entry's 0-based index (0 for a single resource). Rejection.field is the JSON path in
  // the body ("entry[3].resource.subject"; "subject" for a single resource); Rejection.original is
  // the entry's resource reduced to the elements the mapper reads (never a clinical element, never
  // another entry). Records carry the Patient's CPR as written; the runtime pseudonymises it.
  // `parsed.dropped` counts, by resource type, entries carrying nothing a coordinator may see
  // (FORMAT.md §7); Patients are not counted.
  ParseResult parsed;
  // Region: entries of Patients living in another municipality (FORMAT.md §6.1), not events and
  // not dead letters.
  int skipped_other_municipality = 0;
  // The body as a whole could not be read (not UTF-8, not JSON, not a resource, another Bundle
  // type, a type other than the URL's): `parsed` holds exactly one Rejection for it.
  bool body_rejected = false;
  // "Bundle", or the single resource's type; "" when the body is not a FHIR resource. The root of
  // the FHIRPath expressions in an OperationOutcome.
  std::string body_resource_type;
  // The first Rejection, for the HTTP answer; nullopt when there is none.
  std::optional<json_source::RequestError> first_error;
};

// Reads `request.body` with `sector`'s mapping. Pure: no clock, no I/O.
FhirParse parse_fhir_request(const FhirRequest& request, const SectorMapping& sector);

}  // namespace samsag::adapters::fhir
