// The events the API's writes become (domain.md §9 "Cross-cutting"): the request body checked and
// turned into a plan or consent payload, then wrapped in the envelope every event carries. Pure:
// no Kafka, no store; the handlers decide who may write and when it is sent.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "bridge/api/api_response.h"
#include "bridge/api/caller.h"
#include "samsag/v1/case.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge::api {

// The payload, or why the body cannot be one (400).
using Parsed = std::variant<samsag::v1::Event, ApiError>;

// POST .../plan/goals: {"area","title","target_date"?} as PlanGoalSet with `goal_id`.
Parsed parse_goal_set(std::string_view body, const std::string& goal_id);
// PATCH .../plan/goals/{goal_id}: {"outcome"} as PlanGoalClosed, or any of area, title,
// target_date as PlanGoalUpdated holding only what was given (see complete_goal_update).
Parsed parse_goal_change(std::string_view body, const std::string& goal_id);
// A PlanGoalUpdated carries the whole definition: what the PATCH left out comes from `current`.
void complete_goal_update(samsag::v1::PlanGoalUpdated& update, const samsag::v1::Goal& current);
// POST .../consent: ConsentGranted or ConsentWithdrawn recorded by `caller`; `occurred_at`
// (default now) may not lie in the future. The envelope's occurred_at is set here.
Parsed parse_consent(std::string_view body, const Caller& caller,
                     const google::protobuf::Timestamp& now);
// PUT .../coordinator: {"coordinator_id","unit_name"} as CoordinatorAssigned.
Parsed parse_coordinator(std::string_view body);

struct Envelope {
  std::uint32_t municipality_code = 0;
  std::string citizen;
  // Unique per API request (its request id), so the event id is unique per decision.
  std::string record_id;
  google::protobuf::Timestamp now;
};

inline constexpr const char* kApiSourceSystem = "samsag-api";

// Fills event_id, municipality, sector (consent or plan, from the payload), source system, times
// (occurred_at defaults to now) and citizen; then checks the event as the bridge will
// (bridge/reducer/event_validation.h), so an event the bridge would dead-letter is a 400 here.
Parsed seal(samsag::v1::Event event, const Envelope& envelope);

// The goal of `citizen_case` with that id, or null.
const samsag::v1::Goal* find_goal(const samsag::v1::CitizenCase& citizen_case,
                                  std::string_view goal_id);

}  // namespace samsag::bridge::api
