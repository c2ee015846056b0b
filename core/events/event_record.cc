#include "core/events/event_record.h"

#include <utility>

namespace samsag::events {

kafka::ProducerRecord event_record(std::string topic, const samsag::v1::Event& event) {
  return kafka::ProducerRecord{
      .topic = std::move(topic),
      .key = event.citizen(),
      .value = event.SerializeAsString(),
      .headers = {{"event-id", event.event_id()}, {"schema", kEventSchema}},
  };
}

}  // namespace samsag::events
