#include "bridge/reducer/timeline.h"

#include "bridge/reducer/event_validation.h"
#include "bridge/reducer/sorted_keyed.h"
#include "bridge/reducer/stamp.h"

namespace samsag::bridge {

bool add_to_timeline(samsag::v1::CitizenCase& citizen_case, const samsag::v1::Event& event,
                     const std::string& subject) {
  const EventOrder order{&event.occurred_at(), &event.event_id()};
  auto [entry, added] =
      upsert_sorted(*citizen_case.mutable_timeline(), order, [](const v1::TimelineEntry& e) {
        return EventOrder{&e.occurred_at(), &e.event_id()};
      });
  if (!added) {
    return false;
  }
  entry->set_event_id(event.event_id());
  *entry->mutable_occurred_at() = event.occurred_at();
  entry->set_sector(event.sector());
  entry->set_kind(payload_name(event));
  entry->set_subject(subject);
  return true;
}

bool forget_timeline_of(samsag::v1::CitizenCase& citizen_case, samsag::v1::Sector sector) {
  return erase_if(*citizen_case.mutable_timeline(),
                  [sector](const v1::TimelineEntry& e) { return e.sector() == sector; }) > 0;
}

bool refresh_last_event_at(samsag::v1::CitizenCase& citizen_case) {
  // Both lists are sorted by occurred_at first, so their last lines hold the latest times.
  const Timestamp* latest = nullptr;
  if (!citizen_case.timeline().empty()) {
    latest = &citizen_case.timeline().rbegin()->occurred_at();
  }
  if (!citizen_case.consent_history().empty()) {
    const Timestamp& decided = citizen_case.consent_history().rbegin()->occurred_at();
    if (latest == nullptr || compare(*latest, decided) < 0) {
      latest = &decided;
    }
  }
  if (latest == nullptr) {
    if (!citizen_case.has_last_event_at()) {
      return false;
    }
    citizen_case.clear_last_event_at();
    return true;
  }
  if (citizen_case.has_last_event_at() && compare(citizen_case.last_event_at(), *latest) == 0) {
    return false;
  }
  *citizen_case.mutable_last_event_at() = *latest;
  return true;
}

}  // namespace samsag::bridge
