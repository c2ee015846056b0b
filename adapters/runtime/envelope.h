// Turns a parser's SourceRecord into a canonical Event: validates the CPR, replaces it by the
// pseudonym, derives the event id and fills the envelope. This is the only place an adapter
// handles a clear CPR number after parsing.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "adapters/runtime/source_record.h"
#include "core/privacy/pseudonymiser.h"
#include "samsag/v1/common.pb.h"
#include "samsag/v1/event.pb.h"

namespace samsag::adapters {

struct EnvelopeContext {
  std::uint32_t municipality_code = 0;
  samsag::v1::Sector sector = samsag::v1::SECTOR_UNSPECIFIED;
  std::string source_system;
  const samsag::privacy::Pseudonymiser* pseudonymiser = nullptr;
};

// The event, or the Rejection that explains why the record cannot be one (MISSING_CPR,
// INVALID_CPR, MISSING_FIELD for a record id, INVALID_VALUE for a payload of another sector).
// `record` is moved from.
std::variant<samsag::v1::Event, Rejection> make_event(
    SourceRecord record, const EnvelopeContext& context,
    const google::protobuf::Timestamp& recorded_at);

}  // namespace samsag::adapters
