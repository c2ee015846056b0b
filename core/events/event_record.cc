#include "core/events/event_record.h"

#include <utility>

namespace samsag::events {

kafka::ProducerRecord event_record(std::string topic, const samsag::v1::Event& event) {
  kafka::ProducerRecord record;
  write_event_record(topic, event, record);
  return record;
}

void write_event_record(const std::string& topic, const samsag::v1::Event& event,
                        kafka::ProducerRecord& record) {
  record.topic.assign(topic);
  if (!record.key) record.key.emplace();
  record.key->assign(event.citizen());
  if (!record.value) record.value.emplace();
  event.SerializeToString(&*record.value);
  record.headers.resize(2);
  record.headers[0].key.assign("event-id");
  record.headers[0].value.assign(event.event_id());
  record.headers[1].key.assign("schema");
  record.headers[1].value.assign(kEventSchema);
  record.partition.reset();
}

}  // namespace samsag::events
