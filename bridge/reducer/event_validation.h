// Whether an event may enter a case at all: the envelope names an event, a citizen, a municipality
// and a time; the payload belongs to the event's sector (domain.md §9); its mandatory fields are
// there. An event that fails is dead-lettered by the bridge with the returned reason.
#pragma once

#include <optional>
#include <string>

#include "core/base/result.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {

// Why an event was refused. `error.code` is a samsag.v1.DeadLetterReason name without its
// prefix ("MISSING_FIELD", "INVALID_VALUE", "INVALID_EVENT", "WRONG_MUNICIPALITY"); the sentence
// names fields and event kinds only, never personal data.
struct Refusal {
  Error error;
  std::string field;  // the field the problem is in, when there is one
};

// Empty when the event is well formed; says nothing about consent or about the case it meets.
std::optional<Refusal> check_event(const samsag::v1::Event& event);

// The payload's field name, e.g. "benefit_started"; "none" when there is no payload.
const std::string& payload_name(const samsag::v1::Event& event);

}  // namespace samsag::bridge
