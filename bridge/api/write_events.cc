#include "bridge/api/write_events.h"

#include <google/protobuf/util/time_util.h>

#include "bridge/api/request_body.h"
#include "bridge/reducer/event_validation.h"
#include "core/events/event_id.h"

namespace samsag::bridge::api {
namespace {

using google::protobuf::util::TimeUtil;
namespace v1 = samsag::v1;

constexpr std::size_t kTitleLength = 200;  // domain.md §9
constexpr std::size_t kIdLength = 100;
constexpr std::size_t kUnitLength = 100;
// A decision recorded "now" on a clock a little ahead of ours is not in the future.
constexpr std::int64_t kClockSkewSeconds = 60;

Parsed failed(const BodyReader& reader) { return *reader.error(); }

}  // namespace

Parsed parse_goal_set(std::string_view body, const std::string& goal_id) {
  BodyReader reader(body, {"area", "title", "target_date"});
  const auto area = reader.code<v1::GoalArea>("area", "GOAL_AREA_", v1::GoalArea_Parse, true);
  const auto title = reader.text("title", kTitleLength, true);
  const auto target = reader.date("target_date");
  if (reader.error()) return failed(reader);
  v1::Event event;
  auto& set = *event.mutable_plan_goal_set();
  set.set_goal_id(goal_id);
  set.set_area(*area);
  set.set_title(*title);
  if (target) *set.mutable_target_date() = *target;
  return event;
}

Parsed parse_goal_change(std::string_view body, const std::string& goal_id) {
  BodyReader reader(body, {"area", "title", "target_date", "outcome"});
  if (reader.has("outcome")) {
    if (reader.has("area") || reader.has("title") || reader.has("target_date")) {
      reader.fail("closes the goal and cannot be combined with area, title or target_date",
                  "outcome");
    }
    const auto outcome =
        reader.code<v1::GoalOutcome>("outcome", "GOAL_OUTCOME_", v1::GoalOutcome_Parse, true);
    if (reader.error()) return failed(reader);
    v1::Event event;
    event.mutable_plan_goal_closed()->set_goal_id(goal_id);
    event.mutable_plan_goal_closed()->set_outcome(*outcome);
    return event;
  }
  const auto area = reader.code<v1::GoalArea>("area", "GOAL_AREA_", v1::GoalArea_Parse, false);
  const auto title = reader.text("title", kTitleLength, false);
  const auto target = reader.date("target_date");
  if (!reader.error() && !area && !title && !target) {
    reader.fail("is required: give area, title, target_date or outcome", "area");
  }
  if (reader.error()) return failed(reader);
  v1::Event event;
  auto& update = *event.mutable_plan_goal_updated();
  update.set_goal_id(goal_id);
  if (area) update.set_area(*area);
  if (title) update.set_title(*title);
  if (target) *update.mutable_target_date() = *target;
  return event;
}

void complete_goal_update(v1::PlanGoalUpdated& update, const v1::Goal& current) {
  if (update.area() == v1::GOAL_AREA_UNSPECIFIED) update.set_area(current.area());
  if (update.title().empty()) update.set_title(current.title());
  if (!update.has_target_date() && current.has_target_date()) {
    *update.mutable_target_date() = current.target_date();
  }
}

Parsed parse_consent(std::string_view body, const Caller& caller,
                     const google::protobuf::Timestamp& now) {
  BodyReader reader(body, {"granted", "consent_id", "scopes", "form", "valid_until",
                           "case_file_ref", "occurred_at"});
  const auto granted = reader.boolean("granted", true);
  const auto consent_id = reader.id("consent_id", kIdLength, true);
  const auto scopes = reader.codes<v1::Sector>("scopes", "SECTOR_", v1::Sector_Parse);
  const auto occurred_at = reader.date_time("occurred_at");
  if (occurred_at && TimeUtil::TimestampToSeconds(*occurred_at) >
                         TimeUtil::TimestampToSeconds(now) + kClockSkewSeconds) {
    reader.fail("lies in the future; a decision is recorded after it was taken", "occurred_at");
  }
  if (reader.error()) return failed(reader);
  if (scopes) {
    for (const auto sector : *scopes) {
      if (sector == v1::SECTOR_CONSENT || sector == v1::SECTOR_PLAN) {
        reader.fail("may name only EMPLOYMENT, SOCIAL, HEALTH and REGION", "scopes");
      }
    }
  }
  v1::Event event;
  *event.mutable_occurred_at() = occurred_at.value_or(now);
  if (*granted) {
    const auto form =
        reader.code<v1::ConsentForm>("form", "CONSENT_FORM_", v1::ConsentForm_Parse, true);
    const auto valid_until = reader.date_or_date_time("valid_until");
    const auto case_file_ref = reader.text("case_file_ref", kIdLength, false);
    if (!reader.error() && (!scopes || scopes->empty())) {
      reader.fail("must name at least one sector the consent covers", "scopes");
    }
    if (reader.error()) return failed(reader);
    auto& grant = *event.mutable_consent_granted();
    grant.set_consent_id(*consent_id);
    for (const auto sector : *scopes) grant.add_scopes(sector);
    grant.set_purpose(v1::CONSENT_PURPOSE_HOI_COORDINATION);
    grant.set_form(*form);
    grant.set_recorded_by(caller.user);
    grant.set_recorded_by_role(caller.role_name);
    if (valid_until) *grant.mutable_valid_until() = *valid_until;
    if (case_file_ref) grant.set_case_file_ref(*case_file_ref);
    return event;
  }
  for (const char* only_for_grants : {"form", "valid_until", "case_file_ref"}) {
    if (reader.has(only_for_grants))
      reader.fail("belongs to a grant, not a withdrawal", only_for_grants);
  }
  if (reader.error()) return failed(reader);
  auto& withdrawal = *event.mutable_consent_withdrawn();
  withdrawal.set_consent_id(*consent_id);
  if (scopes) {
    for (const auto sector : *scopes) withdrawal.add_scopes(sector);
  }
  withdrawal.set_recorded_by(caller.user);
  withdrawal.set_recorded_by_role(caller.role_name);
  return event;
}

Parsed parse_coordinator(std::string_view body) {
  BodyReader reader(body, {"coordinator_id", "unit_name"});
  const auto coordinator_id = reader.id("coordinator_id", kIdLength, true);
  const auto unit_name = reader.text("unit_name", kUnitLength, true);
  if (reader.error()) return failed(reader);
  v1::Event event;
  event.mutable_coordinator_assigned()->set_coordinator_id(*coordinator_id);
  event.mutable_coordinator_assigned()->set_unit_name(*unit_name);
  return event;
}

Parsed seal(v1::Event event, const Envelope& envelope) {
  const bool consent = event.has_consent_granted() || event.has_consent_withdrawn();
  event.set_event_id(samsag::events::derive_event_id(kApiSourceSystem, envelope.record_id, "1"));
  event.set_municipality_code(envelope.municipality_code);
  event.set_sector(consent ? v1::SECTOR_CONSENT : v1::SECTOR_PLAN);
  event.set_source_system(kApiSourceSystem);
  if (!event.has_occurred_at()) *event.mutable_occurred_at() = envelope.now;
  *event.mutable_recorded_at() = envelope.now;
  event.set_citizen(envelope.citizen);
  if (const auto refusal = check_event(event)) {
    return invalid(refusal->error.message, refusal->field);
  }
  return event;
}

const v1::Goal* find_goal(const v1::CitizenCase& citizen_case, std::string_view goal_id) {
  for (const auto& goal : citizen_case.goals()) {
    if (goal.goal_id() == goal_id) return &goal;
  }
  return nullptr;
}

}  // namespace samsag::bridge::api
