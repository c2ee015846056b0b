// The adapters' event ids are core/events' deterministic ids.
#pragma once

#include "core/events/event_id.h"

namespace samsag::adapters {
using samsag::events::derive_event_id;
}  // namespace samsag::adapters
