// Which event payloads belong to which sector (domain.md §9). One table, used by the adapters
// (an adapter of a sector may only emit that sector's facts) and by the bridge (an event whose
// payload does not belong to its sector is invalid).
#pragma once

#include <string_view>

#include "samsag/v1/event.pb.h"

namespace samsag::events {

// True when an event of `sector` may carry `payload`.
bool payload_allowed_in(samsag::v1::Sector sector, samsag::v1::Event::PayloadCase payload);

// The payload's field name, e.g. "benefit_started"; "" for PAYLOAD_NOT_SET.
std::string_view payload_name(samsag::v1::Event::PayloadCase payload);

}  // namespace samsag::events
