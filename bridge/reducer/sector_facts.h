// What a sector event says, in the case's terms: a phase of an activity (benefit, effort,
// measure, course, stay, ...), a state of a meeting or appointment, a new contact, or an
// employment profile fact (target group, readiness). Translating first keeps the merge rules
// in sector_state.cc free of the thirty payload types.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <optional>
#include <string>
#include <variant>

#include "samsag/v1/case.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::bridge {

// Where in its life an activity event sits; equal times order Started < Changed < Ended.
enum class Phase { kStarted = 0, kChanged = 1, kEnded = 2 };

struct ActivityFact {
  std::string key;   // "<kind>/<source id>"
  std::string kind;  // e.g. "benefit"
  std::string type;  // the typed code as its enum name
  Phase phase = Phase::kStarted;
  std::optional<google::protobuf::Timestamp> start;                                  // kStarted
  std::optional<google::protobuf::Timestamp> planned_end;                            // kStarted
  samsag::v1::ProviderKind provider_kind = samsag::v1::PROVIDER_KIND_UNSPECIFIED;    // kStarted
  samsag::v1::ActivityState changed_state = samsag::v1::ACTIVITY_STATE_UNSPECIFIED;  // kChanged
  std::optional<google::protobuf::Timestamp> end;                                    // kEnded
  samsag::v1::EndReason end_reason = samsag::v1::END_REASON_UNSPECIFIED;             // kEnded
};

struct MeetingFact {
  std::string key;  // "meeting/<id>" or "appointment/<id>"
  samsag::v1::MeetingKind kind = samsag::v1::MEETING_KIND_UNSPECIFIED;
  google::protobuf::Timestamp at;
  samsag::v1::MeetingMode mode = samsag::v1::MEETING_MODE_UNSPECIFIED;
  samsag::v1::MeetingState state = samsag::v1::MEETING_STATE_UNSPECIFIED;
};

struct ContactFact {
  const samsag::v1::Contact* contact = nullptr;  // points into the event
};

// Employment facts held on the case itself rather than in a SectorView.
struct TargetGroupFact {
  samsag::v1::TargetGroup target_group = samsag::v1::TARGET_GROUP_UNSPECIFIED;
};
struct ReadinessFact {
  samsag::v1::Readiness readiness = samsag::v1::READINESS_UNSPECIFIED;
};

using SectorFact =
    std::variant<ActivityFact, MeetingFact, ContactFact, TargetGroupFact, ReadinessFact>;

// The fact a well-formed sector event states; nullopt for consent and plan payloads.
std::optional<SectorFact> sector_fact_of(const samsag::v1::Event& event);

// The activity's or meeting's key a fact is about; empty for contacts and profile facts.
const std::string& subject_of(const SectorFact& fact);

}  // namespace samsag::bridge
