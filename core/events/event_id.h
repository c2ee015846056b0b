// Deterministic event ids (DESIGN.md "Events and keys"): the same source record, re-sent, is the
// same event, so duplicates after a crash or a replay are harmless downstream. The adapters derive
// them from source records, the coordinator API from the decision it records.
#pragma once

#include <string>
#include <string_view>

namespace samsag::events {

// 26 lowercase base32 characters: the first 128 bits of SHA-256 over the source system, the
// source's record id and its version, separated so that ("ab","c") and ("a","bc") differ.
// Base32 because such an id can never look like a CPR number (core/digest/base32.h).
std::string derive_event_id(std::string_view source_system, std::string_view record_id,
                            std::string_view record_version);

}  // namespace samsag::events
