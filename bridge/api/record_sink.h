// Where the API's records go (audit records, plan and consent events): a Kafka producer in the
// bridge, a recording fake in tests. produce() must not block; the Delivery says when Kafka
// acknowledged.
#pragma once

#include "core/kafka/delivery.h"
#include "core/kafka/producer.h"
#include "core/kafka/record.h"

namespace samsag::bridge::api {

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual kafka::Delivery produce(const kafka::ProducerRecord& record) = 0;
};

// An idempotent core/kafka Producer (acks=all) behind RecordSink.
class ProducerSink final : public RecordSink {
 public:
  explicit ProducerSink(kafka::Producer& producer) : producer_(producer) {}
  kafka::Delivery produce(const kafka::ProducerRecord& record) override {
    return producer_.produce(record);
  }

 private:
  kafka::Producer& producer_;
};

}  // namespace samsag::bridge::api
