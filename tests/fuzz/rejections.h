// Invariants every parser's output keeps, whatever the input (adapters/runtime/source_record.h).
#pragma once

#include "adapters/runtime/source_record.h"

namespace samsag::fuzz {

// Every rejection says why in a sentence without a CPR-shaped number (it reaches logs and the
// HTTP answer); a rejected body is exactly one rejection; at most `max_records` records.
void check_parse_result(const adapters::ParseResult& parsed, bool body_rejected,
                        bool has_first_error, std::size_t max_records);

}  // namespace samsag::fuzz
