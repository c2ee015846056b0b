// The merged timeline of the case: one line per admitted sector or plan event, a set ordered by
// (occurred_at, event_id), so that arrival order and duplicates do not show.
#pragma once

#include <string>

#include "samsag/v1/case.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {

// Adds the event's line unless it is there; returns whether it was added.
bool add_to_timeline(samsag::v1::CitizenCase& citizen_case, const samsag::v1::Event& event,
                     const std::string& subject);

// Removes every line of `sector`; returns whether any was removed.
bool forget_timeline_of(samsag::v1::CitizenCase& citizen_case, samsag::v1::Sector sector);

// Sets the case's last_event_at to the latest event it still holds (timeline and consent
// history), so that a deleted sector leaves no trace in it either; returns whether it moved.
bool refresh_last_event_at(samsag::v1::CitizenCase& citizen_case);

}  // namespace samsag::bridge
