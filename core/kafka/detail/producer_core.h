// What Producer and TransactionalProducer share: the librdkafka handle, the thread that serves
// delivery reports, and the table of Deliveries still waiting for Kafka. Private to core/kafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/delivery.h"
#include "core/kafka/detail/event_logger.h"
#include "core/kafka/record.h"
#include "core/kafka/settings.h"

namespace samsag::kafka::detail {

class DeliveryState;

class ProducerCore : public RdKafka::DeliveryReportCb {
 public:
  // `settings` must be a producer's or a transactional producer's.
  static Result<std::unique_ptr<ProducerCore>> create(const KafkaSettings& settings);
  ~ProducerCore() override;
  ProducerCore(const ProducerCore&) = delete;
  ProducerCore& operator=(const ProducerCore&) = delete;

  Delivery produce(const ProducerRecord& record);
  // A group's state, registered so that close() fails it if Kafka never answers.
  std::shared_ptr<DeliveryState> open_group();
  // Queues `record` into `state` (open_group's). A record that cannot be queued is the group's
  // error at once.
  void produce_into(DeliveryState& state, const ProducerRecord& record);
  // No more records go into `state`.
  void seal(DeliveryState& state);
  Status flush(Deadline deadline);
  // Waits for outstanding deliveries until `deadline`, then drops what is left (those
  // Deliveries fail with DELIVERY_FAILED) and stops the delivery-report thread. Idempotent.
  void close(Deadline deadline);
  bool closed() const { return closed_; }
  Result<int> partition_count(const std::string& topic, Deadline deadline);

  RdKafka::Producer& handle() { return *producer_; }
  bool transactional() const { return transactional_; }
  // The Error for a librdkafka code seen by this producer; ERR__FATAL becomes FENCED for a
  // transactional producer and FATAL otherwise, with librdkafka's underlying reason.
  Error error(RdKafka::ErrorCode code, const std::string& what);
  // FENCED/FATAL with the underlying reason when the producer has hit a fatal error.
  std::optional<Error> fatal_error();

 private:
  ProducerCore(bool transactional, std::string client_name);
  void dr_cb(RdKafka::Message& message) override;
  // Hands `record` to librdkafka with `state` as its opaque; the error when it was not queued.
  std::optional<Error> queue(DeliveryState& state, const ProducerRecord& record);
  void serve_delivery_reports();

  const bool transactional_;
  EventLogger logger_;  // declared before producer_: librdkafka calls it until the handle is gone
  std::unique_ptr<RdKafka::Producer> producer_;
  std::thread poller_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> closed_{false};
  std::mutex pending_mutex_;
  // Every Delivery and DeliveryGroup the producer handed out that Kafka has not answered in full,
  // keyed by the pointer librdkafka carries as each record's opaque; close() fails each one left,
  // so no holder waits for a record that can no longer be confirmed.
  std::unordered_map<DeliveryState*, std::shared_ptr<DeliveryState>> pending_;
};

}  // namespace samsag::kafka::detail
