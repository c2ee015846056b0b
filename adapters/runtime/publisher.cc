#include "adapters/runtime/publisher.h"

#include <google/protobuf/util/time_util.h>

#include <utility>
#include <variant>

#include "adapters/runtime/dead_letter_citizen.h"
#include "core/events/dead_letters.h"
#include "core/events/event_record.h"

namespace samsag::adapters {

PendingBatch::PendingBatch(kafka::DeliveryGroup records, int events,
                           std::vector<RejectedRecord> rejections, AdapterMetrics* metrics)
    : group_(std::move(records)),
      events_(events),
      rejections_(std::move(rejections)),
      records_(group_.size()),
      metrics_(metrics),
      produced_at_(std::chrono::steady_clock::now()) {
  metrics_->in_flight().Increment(static_cast<double>(records_));
}

PendingBatch::PendingBatch(PendingBatch&& other) noexcept
    : group_(std::move(other.group_)),
      events_(other.events_),
      rejections_(std::move(other.rejections_)),
      records_(other.records_),
      metrics_(std::exchange(other.metrics_, nullptr)),
      produced_at_(other.produced_at_),
      settled_(other.settled_) {}

PendingBatch::~PendingBatch() {
  if (metrics_ != nullptr && !settled_) {
    metrics_->in_flight().Decrement(static_cast<double>(records_));
  }
}

Result<BatchSummary> PendingBatch::wait(kafka::Deadline deadline) {
  if (auto confirmed = group_.wait(deadline); !confirmed.ok()) return confirmed.error();
  if (!settled_) {
    settled_ = true;
    const std::chrono::duration<double> latency = std::chrono::steady_clock::now() - produced_at_;
    metrics_->produce_latency().Observe(latency.count());
    metrics_->in_flight().Decrement(static_cast<double>(records_));
    metrics_->events_produced().Increment(static_cast<double>(events_));
    for (const auto& rejection : rejections_) {
      metrics_->dead_letters(samsag::events::reason_name(rejection.reason)).Increment();
    }
  }
  return BatchSummary{events_, static_cast<int>(rejections_.size())};
}

Publisher::Publisher(kafka::Producer& producer, Target target, AdapterMetrics& metrics)
    : producer_(producer), target_(std::move(target)), metrics_(metrics) {}

PendingBatch Publisher::publish(ParseResult parsed) {
  const auto now = google::protobuf::util::TimeUtil::GetCurrentTime();
  for (const auto& [type, count] : parsed.dropped) {
    metrics_.dropped_resources(type).Increment(count);
  }
  metrics_.unmapped_target_groups().Increment(parsed.unmapped_target_groups);
  metrics_.records_read().Increment(static_cast<double>(parsed.records.size()));

  kafka::ProducerBatch batch = producer_.batch();
  int events = 0;
  std::vector<RejectedRecord> rejections;
  // One record for every event of the batch: its strings keep their capacity from row to row.
  kafka::ProducerRecord record;
  for (auto& parsed_record : parsed.records) {
    std::variant<samsag::v1::Event, Rejection> outcome =
        std::holds_alternative<SourceRecord>(parsed_record)
            ? make_event(std::get<SourceRecord>(std::move(parsed_record)), target_.envelope, now)
            : std::variant<samsag::v1::Event, Rejection>(
                  std::get<Rejection>(std::move(parsed_record)));
    if (auto* event = std::get_if<samsag::v1::Event>(&outcome)) {
      samsag::events::write_event_record(target_.event_topic, *event, record);
      batch.produce(record);
      ++events;
      continue;
    }
    const auto& rejection = std::get<Rejection>(outcome);
    produce_dead_letter(rejection, now, batch);
    rejections.push_back(
        RejectedRecord{rejection.reason, rejection.message, rejection.field, rejection.position});
  }
  return PendingBatch(batch.seal(), events, std::move(rejections), &metrics_);
}

void Publisher::produce_dead_letter(const Rejection& rejection,
                                    const google::protobuf::Timestamp& now,
                                    kafka::ProducerBatch& batch) {
  samsag::events::DeadLetterFacts facts;
  facts.reason = rejection.reason;
  facts.message = rejection.message;
  facts.field = rejection.field;
  facts.original = rejection.original;
  facts.municipality_code = target_.envelope.municipality_code;
  facts.origin.set_component(target_.component);
  facts.origin.set_source_system(target_.envelope.source_system);
  if (const auto& file = rejection.position.file) {
    facts.origin.set_file(file->name);
    facts.header = file->header;
  }
  facts.origin.set_line(rejection.position.line);
  facts.origin.set_request_id(rejection.position.request_id);
  facts.citizen = rejection.citizen.empty()
                      ? citizen_of_original(rejection.original, *target_.envelope.pseudonymiser)
                      : rejection.citizen;
  const auto letter = samsag::events::make_dead_letter(facts, now);
  // Dead letters have no key: a record that failed may name no valid citizen at all.
  batch.produce(kafka::ProducerRecord{
      .topic = target_.dlq_topic,
      .value = letter.SerializeAsString(),
      .headers = {{"schema", "samsag.v1.DeadLetter"},
                  {"reason", std::string(samsag::events::reason_name(rejection.reason))}},
  });
}

}  // namespace samsag::adapters
