// FHIR R4 OperationOutcome bodies for the health and region adapters' error answers
// (`application/fhir+json`): one issue per rejected entry, with the FHIR issue type for the
// dead-letter reason and a FHIRPath expression of the offending element.
//
//   400/422: operation_outcome_json(issues_for(parse))
//   401: operation_outcome_json({{"error", "login", "A valid bearer token is required.", {}}})
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/fhir/fhir_request.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::adapters::fhir {

struct OutcomeIssue {
  std::string severity = "error";       // fatal | error | warning | information
  std::string code;                     // FHIR IssueType: structure, required, value, ...
  std::string diagnostics;              // one sentence, no personal data
  std::vector<std::string> expression;  // FHIRPath, e.g. "Bundle.entry[3].resource.subject"
};

// {"resourceType": "OperationOutcome", "issue": [...]}; an empty list gives one
// "information"/"informational" issue, as FHIR requires at least one.
std::string operation_outcome_json(const std::vector<OutcomeIssue>& issues);

// The FHIR IssueType for a dead-letter reason: MISSING_FIELD -> "required", INVALID_DATE ->
// "value", UNPARSEABLE -> "structure", TOO_LARGE -> "too-long", ...
std::string_view issue_type_for(samsag::v1::DeadLetterReason reason);

// One issue per Rejection in `parse`, expressions rooted at its body's resource type.
std::vector<OutcomeIssue> issues_for(const FhirParse& parse);

}  // namespace samsag::adapters::fhir
