// Publisher: the adapter pipeline after parsing. Every parsed record leaves as exactly one Kafka
// record: an event on the sector topic (key = pseudonym) or a dead letter on the DLQ topic. A
// source is told "accepted" (checkpoint advanced, HTTP 202) only after PendingBatch::wait() says
// Kafka confirmed every one of them (DESIGN.md "Delivery and state").
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "adapters/runtime/adapter_metrics.h"
#include "adapters/runtime/envelope.h"
#include "adapters/runtime/source_record.h"
#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/delivery.h"
#include "core/kafka/producer.h"

namespace samsag::adapters {

// A record that became a dead letter, as the source should hear about it (HTTP 400 body).
struct RejectedRecord {
  samsag::v1::DeadLetterReason reason;
  std::string message;
  std::string field;
  SourcePosition position;
};

struct BatchSummary {
  int events = 0;
  int dead_letters = 0;
};

class PendingBatch {
 public:
  PendingBatch(kafka::DeliveryGroup records, int events, std::vector<RejectedRecord> rejections,
               AdapterMetrics* metrics);
  PendingBatch(PendingBatch&& other) noexcept;
  PendingBatch& operator=(PendingBatch&&) = delete;
  PendingBatch(const PendingBatch&) = delete;
  PendingBatch& operator=(const PendingBatch&) = delete;
  ~PendingBatch();

  // Ok once Kafka confirmed every event and dead letter of the batch. TIMED_OUT when `deadline`
  // passes first; otherwise the first delivery error. Either way the source must not acknowledge.
  // Cheap to call again (a deadline of now polls).
  Result<BatchSummary> wait(kafka::Deadline deadline);

  // The records that became dead letters, in input order.
  const std::vector<RejectedRecord>& rejections() const { return rejections_; }

 private:
  // Every event and dead letter of the batch, confirmed together.
  kafka::DeliveryGroup group_;
  int events_ = 0;
  std::vector<RejectedRecord> rejections_;  // one per dead letter
  std::size_t records_ = 0;                 // events and dead letters, for the in-flight gauge
  AdapterMetrics* metrics_;                 // null once moved from
  std::chrono::steady_clock::time_point produced_at_;
  bool settled_ = false;
};

class Publisher {
 public:
  struct Target {
    EnvelopeContext envelope;
    std::string event_topic;
    std::string dlq_topic;
    std::string component;  // "adapter employment", for the dead letter's origin
  };

  Publisher(kafka::Producer& producer, Target target, AdapterMetrics& metrics);

  // Produces every record of `parsed` (and counts its dropped resources and unmapped codes).
  PendingBatch publish(ParseResult parsed);

 private:
  void produce_dead_letter(const Rejection& rejection, const google::protobuf::Timestamp& now,
                           kafka::ProducerBatch& batch);

  kafka::Producer& producer_;
  Target target_;
  AdapterMetrics& metrics_;
};

}  // namespace samsag::adapters
