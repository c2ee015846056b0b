// The first problem of an HTTP request body, for the answer the HTTP layer gives the source
// system (a 400/422 JSON body, a FHIR OperationOutcome): which record, which field, one sentence.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "adapters/runtime/source_record.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::adapters::json_source {

struct RequestError {
  samsag::v1::DeadLetterReason reason = samsag::v1::DEAD_LETTER_REASON_UNSPECIFIED;
  std::string code;     // the reason's short name, e.g. "INVALID_CPR"
  std::string field;    // JSON path of the offending field, e.g. "events[3].legal_basis"
  std::string message;  // one sentence, no personal data
  int index = 0;        // 0-based position of the record in the batch or bundle
};

// The first Rejection among `result.records` (in record order), or nullopt when none.
std::optional<RequestError> first_rejection(const ParseResult& result);

}  // namespace samsag::adapters::json_source
