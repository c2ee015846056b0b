// The Kafka record of an event on a sector, consent or plan topic (DESIGN.md "Events and keys"):
// key = the citizen's pseudonym, value = the serialized Event, headers `event-id` and `schema`.
// One place, so the adapters and the bridge's API write events the same way.
#pragma once

#include <string>

#include "core/kafka/record.h"
#include "samsag/v1/event.pb.h"

namespace samsag::events {

inline constexpr const char* kEventSchema = "samsag.v1.Event";

kafka::ProducerRecord event_record(std::string topic, const samsag::v1::Event& event);

}  // namespace samsag::events
