// A dead letter's original read again by the parser of the adapter that rejected it, with the
// CURRENT config (so a fixed mapping or municipality takes effect): the employment CSV row under
// its file's header, a social event object, a FHIR resource. This is the only place `samsag dlq`
// knows every adapter kind, as cli/adapter_command.cc is for running them.
#pragma once

#include "adapters/runtime/source_record.h"
#include "core/base/result.h"
#include "samsag/config/v1/config.pb.h"
#include "samsag/v1/dead_letter.pb.h"

namespace samsag::cli::dlq {

// The records the parser makes of `original` (the dead letter's original with the placeholder
// where CPR numbers were masked), positioned where the dead letter says the record was.
// Error: NOT_REPLAYABLE when the dead letter lacks what the parser needs (a CSV row without its
// header: the whole file was rejected).
Result<adapters::ParseResult> parse_again(const samsag::config::v1::Config& config,
                                          const samsag::config::v1::Adapter& adapter,
                                          const samsag::v1::DeadLetter& letter,
                                          const std::string& original);

}  // namespace samsag::cli::dlq
