#include "adapters/runtime/envelope.h"

#include <utility>

#include "core/events/event_id.h"
#include "core/events/payload_sectors.h"
#include "core/privacy/cpr.h"

namespace samsag::adapters {
namespace {

Rejection reject(SourceRecord& record, samsag::v1::DeadLetterReason reason, std::string message,
                 std::string field) {
  Rejection rejection;
  rejection.reason = reason;
  rejection.message = std::move(message);
  rejection.field = std::move(field);
  rejection.position = std::move(record.position);
  rejection.original = std::move(record.original);
  rejection.citizen = std::move(record.citizen);
  return rejection;
}

}  // namespace

std::variant<samsag::v1::Event, Rejection> make_event(
    SourceRecord record, const EnvelopeContext& context,
    const google::protobuf::Timestamp& recorded_at) {
  // A replayed record names its citizen by pseudonym: its CPR was masked in the dead letter.
  std::string citizen = record.citizen;
  if (citizen.empty()) {
    auto cpr = samsag::privacy::Cpr::parse(record.cpr_text);
    if (!cpr.ok()) {
      const bool missing = cpr.error().code == "MISSING_CPR";
      return reject(record,
                    missing ? samsag::v1::DEAD_LETTER_REASON_MISSING_CPR
                            : samsag::v1::DEAD_LETTER_REASON_INVALID_CPR,
                    cpr.error().message, "cpr");
    }
    citizen = context.pseudonymiser->pseudonym(cpr.value());
  }
  if (record.record_id.empty()) {
    return reject(record, samsag::v1::DEAD_LETTER_REASON_MISSING_FIELD,
                  "the record has no record id, so its event id cannot be derived", "record_id");
  }
  const auto payload = record.payload.payload_case();
  if (!samsag::events::payload_allowed_in(context.sector, payload)) {
    return reject(record, samsag::v1::DEAD_LETTER_REASON_INVALID_VALUE,
                  "the record's event type does not belong to this adapter's sector", "type");
  }

  const std::string& source_system =
      record.source_system.empty() ? context.source_system : record.source_system;
  samsag::v1::Event event = std::move(record.payload);
  event.set_event_id(
      samsag::events::derive_event_id(source_system, record.record_id, record.record_version));
  event.set_municipality_code(context.municipality_code);
  event.set_sector(context.sector);
  event.set_source_system(source_system);
  *event.mutable_occurred_at() = record.occurred_at;
  *event.mutable_recorded_at() = recorded_at;
  event.set_citizen(std::move(citizen));
  // The clear number goes no further than this function.
  record.cpr_text.assign(record.cpr_text.size(), '\0');
  return event;
}

}  // namespace samsag::adapters
