#include "bridge/reducer/sector_state.h"

#include "bridge/reducer/sorted_keyed.h"
#include "bridge/reducer/stamp.h"

namespace samsag::bridge {

namespace {

using samsag::v1::Activity;
using samsag::v1::Meeting;
using samsag::v1::SectorView;
using samsag::v1::Stamp;

void set_or_clear(const std::optional<Timestamp>& value, Activity& activity,
                  Timestamp* (Activity::*mutable_field)(), void (Activity::*clear_field)()) {
  if (value) {
    *(activity.*mutable_field)() = *value;
  } else {
    (activity.*clear_field)();
  }
}

// The state follows the latest phase by occurred_at. At equal times the later phase of a life
// wins (started < changed < ended): a benefit that starts and ends on the same date-only day
// ends, whatever the event ids say.
v1::ActivityState derived_state(const Activity& a) {
  v1::ActivityState state = v1::ACTIVITY_STATE_UNSPECIFIED;
  const Timestamp* latest = nullptr;
  if (a.has_started()) {
    state = v1::ACTIVITY_STATE_ACTIVE;
    latest = &a.started().occurred_at();
  }
  if (a.has_status_changed() &&
      (latest == nullptr || compare(a.status_changed().occurred_at(), *latest) >= 0)) {
    state = a.changed_state();
    latest = &a.status_changed().occurred_at();
  }
  if (a.has_ended() && (latest == nullptr || compare(a.ended().occurred_at(), *latest) >= 0)) {
    state = v1::ACTIVITY_STATE_ENDED;
  }
  return state;
}

// Each phase has its own stamp, so a start's fields come from the start whether it arrives
// before or after its end. The type shown comes from the best phase present (start, then end,
// then change), which is the same whatever the arrival order.
bool merge_activity(Activity& a, const ActivityFact& f, const Stamp& stamp) {
  bool changed = false;
  if (wins_over(stamp, a.has_updated(), a.updated())) {
    *a.mutable_updated() = stamp;
    changed = true;
  }
  switch (f.phase) {
    case Phase::kStarted:
      if (!wins_over(stamp, a.has_started(), a.started())) {
        break;
      }
      *a.mutable_started() = stamp;
      set_or_clear(f.start, a, &Activity::mutable_start, &Activity::clear_start);
      set_or_clear(f.planned_end, a, &Activity::mutable_planned_end, &Activity::clear_planned_end);
      a.set_provider_kind(f.provider_kind);
      a.set_type(f.type);
      changed = true;
      break;
    case Phase::kChanged:
      if (!wins_over(stamp, a.has_status_changed(), a.status_changed())) {
        break;
      }
      *a.mutable_status_changed() = stamp;
      a.set_changed_state(f.changed_state);
      if (!a.has_started() && !a.has_ended()) {
        a.set_type(f.type);
      }
      changed = true;
      break;
    case Phase::kEnded:
      if (!wins_over(stamp, a.has_ended(), a.ended())) {
        break;
      }
      *a.mutable_ended() = stamp;
      set_or_clear(f.end, a, &Activity::mutable_end, &Activity::clear_end);
      a.set_end_reason(f.end_reason);
      if (!a.has_started()) {
        a.set_type(f.type);
      }
      changed = true;
      break;
  }
  a.set_state(derived_state(a));
  return changed;
}

// A held or cancelled meeting outranks its scheduling at the same instant.
int meeting_rank(v1::MeetingState state) { return state == v1::MEETING_STATE_SCHEDULED ? 0 : 1; }

// A meeting is one thing at a time (planned, held or cancelled), so the latest event decides
// all its fields, ordered by (occurred_at, rank, event_id).
bool merge_meeting(Meeting& m, bool added, const MeetingFact& f, const Stamp& stamp) {
  if (!added) {
    int order = compare(stamp.occurred_at(), m.updated().occurred_at());
    if (order == 0) {
      order = meeting_rank(f.state) - meeting_rank(m.state());
    }
    if (order == 0) {
      order = stamp.event_id().compare(m.updated().event_id());
    }
    if (order <= 0) {
      return false;
    }
  }
  m.set_kind(f.kind);
  *m.mutable_at() = f.at;
  m.set_mode(f.mode);
  m.set_state(f.state);
  *m.mutable_updated() = stamp;
  return true;
}

struct MergeIntoView {
  SectorView& view;
  const Stamp& stamp;

  bool operator()(const ActivityFact& f) const {
    auto [activity, added] =
        upsert_sorted(*view.mutable_activities(), f.key,
                      [](const Activity& a) -> const std::string& { return a.key(); });
    if (added) {
      activity->set_key(f.key);
      activity->set_kind(f.kind);
    }
    return merge_activity(*activity, f, stamp) || added;
  }
  bool operator()(const MeetingFact& f) const {
    auto [meeting, added] =
        upsert_sorted(*view.mutable_meetings(), f.key,
                      [](const Meeting& m) -> const std::string& { return m.key(); });
    if (added) {
      meeting->set_key(f.key);
    }
    return merge_meeting(*meeting, added, f, stamp);
  }
  bool operator()(const ContactFact& f) const {
    if (!wins_over(stamp, view.has_contact_updated(), view.contact_updated())) {
      return false;
    }
    *view.mutable_contact() = *f.contact;
    *view.mutable_contact_updated() = stamp;
    return true;
  }
  bool operator()(const TargetGroupFact&) const { return false; }
  bool operator()(const ReadinessFact&) const { return false; }
};

bool merge_profile(v1::CitizenCase& c, const SectorFact& fact, const Stamp& stamp) {
  if (const auto* f = std::get_if<TargetGroupFact>(&fact)) {
    if (!wins_over(stamp, c.has_target_group_updated(), c.target_group_updated())) {
      return false;
    }
    c.set_target_group(f->target_group);
    *c.mutable_target_group_updated() = stamp;
    return true;
  }
  if (const auto* f = std::get_if<ReadinessFact>(&fact)) {
    if (!wins_over(stamp, c.has_readiness_updated(), c.readiness_updated())) {
      return false;
    }
    c.set_readiness(f->readiness);
    *c.mutable_readiness_updated() = stamp;
    return true;
  }
  return false;
}

}  // namespace

bool merge_sector_fact(v1::CitizenCase& citizen_case, v1::Sector sector, const SectorFact& fact,
                       const Stamp& stamp) {
  auto [view, added] = upsert_sorted(*citizen_case.mutable_sectors(), sector,
                                     [](const SectorView& v) { return v.sector(); });
  bool changed = added;
  if (added) {
    view->set_sector(sector);
  }
  // Freshness of the sector: the latest occurred_at of anything admitted to it.
  const bool had_last_event = view->has_last_event_at();
  changed |= raise_to(*view->mutable_last_event_at(), had_last_event, stamp.occurred_at());
  changed |= std::visit(MergeIntoView{*view, stamp}, fact);
  changed |= merge_profile(citizen_case, fact, stamp);
  return changed;
}

bool forget_sector_view(v1::CitizenCase& citizen_case, v1::Sector sector) {
  bool forgot = erase_if(*citizen_case.mutable_sectors(),
                         [sector](const SectorView& v) { return v.sector() == sector; }) > 0;
  if (sector == v1::SECTOR_EMPLOYMENT) {
    forgot |= citizen_case.target_group() != v1::TARGET_GROUP_UNSPECIFIED ||
              citizen_case.has_target_group_updated() ||
              citizen_case.readiness() != v1::READINESS_UNSPECIFIED ||
              citizen_case.has_readiness_updated();
    citizen_case.clear_target_group();
    citizen_case.clear_target_group_updated();
    citizen_case.clear_readiness();
    citizen_case.clear_readiness_updated();
  }
  return forgot;
}

}  // namespace samsag::bridge
