#include "bridge/reducer/plan_state.h"

#include "bridge/reducer/sorted_keyed.h"
#include "bridge/reducer/stamp.h"

namespace samsag::bridge {

namespace {

using samsag::v1::CitizenCase;
using samsag::v1::Event;
using samsag::v1::Goal;
using samsag::v1::Stamp;

bool assign_coordinator(CitizenCase& c, const Event& e, const Stamp& stamp) {
  bool changed = false;
  // The first assignment is the HOI's start (t0 of the outcome measures, domain.md §10); the
  // minimum over assignments is the same whatever order they arrive in.
  const bool had_start = c.has_hoi_started_at();
  if (!had_start || compare(e.occurred_at(), c.hoi_started_at()) < 0) {
    *c.mutable_hoi_started_at() = e.occurred_at();
    changed = true;
  }
  const bool has_coordinator = c.has_coordinator() && c.coordinator().has_assigned();
  if (wins_over(stamp, has_coordinator, c.coordinator().assigned())) {
    auto& coordinator = *c.mutable_coordinator();
    coordinator.set_coordinator_id(e.coordinator_assigned().coordinator_id());
    coordinator.set_unit_name(e.coordinator_assigned().unit_name());
    *coordinator.mutable_assigned() = stamp;
    changed = true;
  }
  // A (re)assignment after a close reopens the HOI.
  if (wins_over(stamp, c.has_hoi_state_updated(), c.hoi_state_updated())) {
    c.clear_hoi_closed_reason();
    *c.mutable_hoi_state_updated() = stamp;
    changed = true;
  }
  return changed;
}

bool close_hoi(CitizenCase& c, const Event& e, const Stamp& stamp) {
  if (!wins_over(stamp, c.has_hoi_state_updated(), c.hoi_state_updated())) {
    return false;
  }
  c.set_hoi_closed_reason(e.hoi_closed().reason());
  *c.mutable_hoi_state_updated() = stamp;
  return true;
}

// Set/Updated decide area, title and target date; Closed decides the outcome. Separate stamps
// keep a close that arrives before its goal was set from losing the goal's wording.
template <typename Definition>
bool define_goal(Goal& goal, const Definition& d, const Stamp& stamp) {
  if (!wins_over(stamp, goal.has_defined(), goal.defined())) {
    return false;
  }
  goal.set_area(d.area());
  goal.set_title(d.title());
  if (d.has_target_date()) {
    *goal.mutable_target_date() = d.target_date();
  } else {
    goal.clear_target_date();
  }
  *goal.mutable_defined() = stamp;
  return true;
}

bool close_goal(Goal& goal, const v1::PlanGoalClosed& closed, const Stamp& stamp) {
  if (!wins_over(stamp, goal.has_closed(), goal.closed())) {
    return false;
  }
  goal.set_outcome(closed.outcome());
  *goal.mutable_closed() = stamp;
  return true;
}

const std::string& goal_id_of(const Event& e) {
  switch (e.payload_case()) {
    case Event::kPlanGoalSet:
      return e.plan_goal_set().goal_id();
    case Event::kPlanGoalUpdated:
      return e.plan_goal_updated().goal_id();
    default:
      return e.plan_goal_closed().goal_id();
  }
}

bool merge_goal(CitizenCase& c, const Event& e, const Stamp& stamp) {
  const std::string& goal_id = goal_id_of(e);
  auto [goal, added] = upsert_sorted(
      *c.mutable_goals(), goal_id, [](const Goal& g) -> const std::string& { return g.goal_id(); });
  bool changed = added;
  if (added) {
    goal->set_goal_id(goal_id);
  }
  if (wins_over(stamp, goal->has_updated(), goal->updated())) {
    *goal->mutable_updated() = stamp;
    changed = true;
  }
  switch (e.payload_case()) {
    case Event::kPlanGoalSet:
      return define_goal(*goal, e.plan_goal_set(), stamp) || changed;
    case Event::kPlanGoalUpdated:
      return define_goal(*goal, e.plan_goal_updated(), stamp) || changed;
    default:
      return close_goal(*goal, e.plan_goal_closed(), stamp) || changed;
  }
}

}  // namespace

bool merge_plan_event(CitizenCase& citizen_case, const Event& event) {
  const Stamp stamp = stamp_of(event);
  switch (event.payload_case()) {
    case Event::kCoordinatorAssigned:
      return assign_coordinator(citizen_case, event, stamp);
    case Event::kHoiClosed:
      return close_hoi(citizen_case, event, stamp);
    case Event::kPlanGoalSet:
    case Event::kPlanGoalUpdated:
    case Event::kPlanGoalClosed:
      return merge_goal(citizen_case, event, stamp);
    default:
      return false;
  }
}

std::string plan_subject_of(const Event& event) {
  switch (event.payload_case()) {
    case Event::kPlanGoalSet:
    case Event::kPlanGoalUpdated:
    case Event::kPlanGoalClosed:
      return "goal/" + goal_id_of(event);
    default:
      return {};
  }
}

}  // namespace samsag::bridge
