// Ordering of latest-wins fields: (occurred_at, event_id), so that every replica agrees on which
// of two events is the later one whatever order they arrived in.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <string>

#include "samsag/v1/case.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {

using google::protobuf::Timestamp;

// <0, 0, >0 like strcmp; an unset timestamp is the epoch.
inline int compare(const Timestamp& a, const Timestamp& b) {
  if (a.seconds() != b.seconds()) return a.seconds() < b.seconds() ? -1 : 1;
  if (a.nanos() != b.nanos()) return a.nanos() < b.nanos() ? -1 : 1;
  return 0;
}

// Orders two stamps by (occurred_at, event_id).
inline int compare(const v1::Stamp& a, const v1::Stamp& b) {
  if (int c = compare(a.occurred_at(), b.occurred_at()); c != 0) return c;
  return a.event_id().compare(b.event_id());
}

inline v1::Stamp stamp_of(const v1::Event& event) {
  v1::Stamp stamp;
  *stamp.mutable_occurred_at() = event.occurred_at();
  stamp.set_event_id(event.event_id());
  return stamp;
}

// True when `candidate` should replace the stamp held in a message's optional field: there is
// none yet, or the candidate is strictly later. Equal stamps are the same event: no change.
inline bool wins_over(const v1::Stamp& candidate, bool has_current, const v1::Stamp& current) {
  return !has_current || compare(candidate, current) > 0;
}

// Raises `current` to `candidate` when later; returns whether it moved.
inline bool raise_to(Timestamp& current, bool has_current, const Timestamp& candidate) {
  if (has_current && compare(candidate, current) <= 0) return false;
  current = candidate;
  return true;
}

// The position of an event in a time-ordered set (timeline, consent history): (occurred_at,
// event_id). Holds pointers into the message it describes.
struct EventOrder {
  const Timestamp* occurred_at;
  const std::string* event_id;

  friend bool operator<(const EventOrder& a, const EventOrder& b) {
    if (int c = compare(*a.occurred_at, *b.occurred_at); c != 0) return c < 0;
    return *a.event_id < *b.event_id;
  }
};

}  // namespace samsag::bridge
