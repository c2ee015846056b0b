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

// The same record written into `record`, reusing the capacity of its strings: for a producer
// that writes many events one after another (an adapter's batch), saving the allocations.
void write_event_record(const std::string& topic, const samsag::v1::Event& event,
                        kafka::ProducerRecord& record);

}  // namespace samsag::events
