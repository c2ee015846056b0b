#include "adapters/social/social_payloads.h"

#include <array>
#include <utility>

#include "adapters/json_source/enum_code.h"
#include "adapters/social/social_codes.h"

namespace samsag::adapters::social {
namespace {

using json_source::ObjectReader;
using json_source::Presence;
using samsag::v1::Event;

constexpr std::size_t kMaxUnitName = 100;  // domain.md §9 Contact
constexpr std::size_t kMaxUnitId = 64;     // FORMAT.md §3
constexpr std::size_t kMaxFunctionalContact = 100;

bool before(const google::protobuf::Timestamp& a, const google::protobuf::Timestamp& b) {
  return a.seconds() < b.seconds() || (a.seconds() == b.seconds() && a.nanos() < b.nanos());
}

void read_measure_granted(ObjectReader& object, Event& event) {
  auto& payload = *event.mutable_measure_granted();
  if (auto id = object.id("measure_id", Presence::kMandatory)) payload.set_measure_id(*id);
  if (auto basis = read_legal_basis(object, "legal_basis")) {
    payload.set_legal_basis(basis->basis);
    payload.set_source_code(basis->source_code);
  }
  const auto start = object.date("start", Presence::kMandatory);
  if (start) *payload.mutable_start() = *start;
  if (auto planned_end = object.date("planned_end", Presence::kOptional)) {
    if (start && before(*planned_end, *start)) {
      object.invalid_date("planned_end", "is before start");
    }
    *payload.mutable_planned_end() = *planned_end;
  }
  if (auto kind = read_provider_kind(object, "provider_kind", Presence::kOptional)) {
    payload.set_provider_kind(*kind);
  }
}

void read_measure_ended(ObjectReader& object, Event& event) {
  auto& payload = *event.mutable_measure_ended();
  if (auto id = object.id("measure_id", Presence::kMandatory)) payload.set_measure_id(*id);
  if (auto basis = read_legal_basis(object, "legal_basis")) {
    payload.set_legal_basis(basis->basis);
    payload.set_source_code(basis->source_code);
  }
  if (auto end = object.date("end", Presence::kMandatory)) *payload.mutable_end() = *end;
  if (auto reason = read_end_reason(object, "end_reason", Presence::kOptional)) {
    payload.set_end_reason(*reason);
  }
}

void read_caseworker_assigned(ObjectReader& object, Event& event) {
  auto& contact = *event.mutable_caseworker_assigned()->mutable_contact();
  auto reader = object.child("contact", Presence::kMandatory);
  if (!reader) return;
  if (auto role = read_contact_role(*reader, "role", Presence::kMandatory)) contact.set_role(*role);
  // A unit, never a person (domain.md §4); the texts travel to Kafka, so no CPR-shaped numbers.
  if (auto name = reader->forwarded_text("unit_name", Presence::kMandatory, kMaxUnitName)) {
    contact.set_unit_name(*name);
  }
  if (auto id = reader->forwarded_text("unit_id", Presence::kOptional, kMaxUnitId)) {
    contact.set_unit_id(*id);
  }
  if (auto functional = reader->forwarded_text("functional_contact", Presence::kOptional,
                                               kMaxFunctionalContact)) {
    contact.set_functional_contact(*functional);
  }
}

// MeetingScheduled, MeetingHeld and MeetingCancelled have the same four fields.
template <typename Meeting>
void read_meeting(ObjectReader& object, Meeting& meeting) {
  if (auto id = object.id("meeting_id", Presence::kMandatory)) meeting.set_meeting_id(*id);
  if (auto kind = read_meeting_kind(object, "kind", Presence::kMandatory)) meeting.set_kind(*kind);
  if (auto at = object.date_time("scheduled_at", Presence::kMandatory)) {
    *meeting.mutable_scheduled_at() = *at;
  }
  if (auto mode = read_meeting_mode(object, "mode", Presence::kOptional)) meeting.set_mode(*mode);
}

void read_meeting_scheduled(ObjectReader& object, Event& event) {
  read_meeting(object, *event.mutable_meeting_scheduled());
}
void read_meeting_held(ObjectReader& object, Event& event) {
  read_meeting(object, *event.mutable_meeting_held());
}
void read_meeting_cancelled(ObjectReader& object, Event& event) {
  read_meeting(object, *event.mutable_meeting_cancelled());
}

constexpr std::array<std::pair<std::string_view, PayloadReader>, 6> kEventTypes{{
    {"MEASURE_GRANTED", read_measure_granted},
    {"MEASURE_ENDED", read_measure_ended},
    {"CASEWORKER_ASSIGNED", read_caseworker_assigned},
    {"MEETING_SCHEDULED", read_meeting_scheduled},
    {"MEETING_HELD", read_meeting_held},
    {"MEETING_CANCELLED", read_meeting_cancelled},
}};

}  // namespace

PayloadReader payload_reader_for(std::string_view type) {
  for (const auto& [name, reader] : kEventTypes) {
    if (json_source::equals_ignoring_ascii_case(type, name)) return reader;
  }
  return nullptr;
}

}  // namespace samsag::adapters::social
