// Merging the holistic effort's plan into the case: the tovholder (coordinator), whether the
// HOI is open or closed, and the plan goals. Plan data is the coordinator's own and needs no
// consent.
#pragma once

#include <string>

#include "samsag/v1/case.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {

// Merges a well-formed plan event; returns whether the case changed.
bool merge_plan_event(samsag::v1::CitizenCase& citizen_case, const samsag::v1::Event& event);

// The timeline subject of a plan event: "goal/<goal_id>" for goals, empty otherwise.
std::string plan_subject_of(const samsag::v1::Event& event);

}  // namespace samsag::bridge
