#include "core/kafka/detail/producer_core.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <stdexcept>

#include "core/kafka/detail/client_conf.h"
#include "core/kafka/detail/delivery_state.h"
#include "core/kafka/detail/errors.h"
#include "core/kafka/detail/metadata.h"
#include "core/kafka/detail/timeouts.h"
#include "core/kafka/error_codes.h"
#include "core/log/log.h"

namespace samsag::kafka::detail {
namespace {

// After close() gave up waiting and purged the queue, librdkafka still needs a moment to hand
// back the purged records; this bounds that moment.
constexpr std::chrono::milliseconds kPurgeGrace{500};
// How long the delivery-report thread sleeps in librdkafka when nothing happens; close() wakes
// it at once.
constexpr int kPollIntervalMs = 200;

}  // namespace

ProducerCore::ProducerCore(bool transactional, std::string client_name)
    : transactional_(transactional), logger_(std::move(client_name)) {}

Result<std::unique_ptr<ProducerCore>> ProducerCore::create(const KafkaSettings& settings) {
  const bool transactional = settings.role() == ClientRole::kTransactionalProducer;
  if (!transactional && settings.role() != ClientRole::kProducer) {
    throw std::invalid_argument("a producer needs producer settings (KafkaSettings::for_producer)");
  }
  auto conf = make_conf(settings.properties());
  if (!conf) return conf.error();
  for (const auto& name : settings.overridden()) {
    log::warn("kafka property replaced by samsag's required value", {{"property", name}});
  }

  std::unique_ptr<ProducerCore> core(
      new ProducerCore(transactional, transactional ? "transactional producer" : "producer"));
  std::string reason;
  (*conf)->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(core.get()), reason);
  (*conf)->set("event_cb", static_cast<RdKafka::EventCb*>(&core->logger_), reason);
  core->producer_.reset(RdKafka::Producer::create(conf->get(), reason));
  if (!core->producer_) {
    return make_error(std::string(errc::kInvalidSettings),
                      "the Kafka producer could not be created: " + reason);
  }
  core->poller_ = std::thread([raw = core.get()] { raw->serve_delivery_reports(); });
  return core;
}

ProducerCore::~ProducerCore() {
  close(deadline_in(kCloseTimeout));
  producer_.reset();
}

void ProducerCore::serve_delivery_reports() {
  while (!stopping_.load()) producer_->poll(kPollIntervalMs);
}

std::optional<Error> ProducerCore::queue(DeliveryState& state, const ProducerRecord& record) {
  if (closed_) {
    return make_error(std::string(errc::kInvalidState),
                      "the producer is closed; no record can be produced");
  }
  // librdkafka's C call, so the headers go straight into its own list (the C++ wrapper would
  // allocate its own copy of them first); on success librdkafka owns the list.
  rd_kafka_headers_t* headers = nullptr;
  if (!record.headers.empty()) {
    headers = rd_kafka_headers_new(record.headers.size());
    for (const auto& header : record.headers) {
      rd_kafka_header_add(headers, header.key.data(), static_cast<ssize_t>(header.key.size()),
                          header.value.data(), static_cast<ssize_t>(header.value.size()));
    }
  }
  // Plain variables: librdkafka's macros cast their arguments without parentheses.
  void* const value = record.value ? const_cast<char*>(record.value->data()) : nullptr;
  const std::size_t value_size = record.value ? record.value->size() : 0;
  const void* const key = record.key ? record.key->data() : nullptr;
  const std::size_t key_size = record.key ? record.key->size() : 0;
  const rd_kafka_resp_err_t code =
      rd_kafka_producev(producer_->c_ptr(), RD_KAFKA_V_TOPIC(record.topic.c_str()),
                        RD_KAFKA_V_PARTITION(record.partition.value_or(RD_KAFKA_PARTITION_UA)),
                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                        RD_KAFKA_V_VALUE(value, value_size), RD_KAFKA_V_KEY(key, key_size),
                        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(&state), RD_KAFKA_V_END);
  if (code == RD_KAFKA_RESP_ERR_NO_ERROR) return std::nullopt;
  if (headers != nullptr) rd_kafka_headers_destroy(headers);
  return error(static_cast<RdKafka::ErrorCode>(code),
               "producing a record to topic " + record.topic);
}

Delivery ProducerCore::produce(const ProducerRecord& record) {
  auto state = std::make_shared<DeliveryState>(/*keeps_record=*/true);
  state->expect();
  (void)state->seal();
  {
    std::lock_guard lock(pending_mutex_);
    pending_.emplace(state.get(), state);
  }
  if (auto failed = queue(*state, record)) {
    std::lock_guard lock(pending_mutex_);
    if (state->reject(std::move(*failed))) pending_.erase(state.get());
  }
  return Delivery(std::move(state));
}

std::shared_ptr<DeliveryState> ProducerCore::open_group() {
  auto state = std::make_shared<DeliveryState>(/*keeps_record=*/false);
  std::lock_guard lock(pending_mutex_);
  pending_.emplace(state.get(), state);
  return state;
}

void ProducerCore::produce_into(DeliveryState& state, const ProducerRecord& record) {
  state.expect();
  // The group is not sealed yet, so this answer cannot make it done.
  if (auto failed = queue(state, record)) (void)state.reject(std::move(*failed));
}

void ProducerCore::seal(DeliveryState& state) {
  std::lock_guard lock(pending_mutex_);
  if (state.seal()) pending_.erase(&state);
}

void ProducerCore::dr_cb(RdKafka::Message& message) {
  std::lock_guard lock(pending_mutex_);
  auto it = pending_.find(static_cast<DeliveryState*>(message.msg_opaque()));
  if (it == pending_.end()) return;  // close() gave up on it already
  DeliveryState& state = *it->second;
  bool done = false;
  if (message.err() == RdKafka::ERR_NO_ERROR) {
    done = state.confirm(state.keeps_record()
                             ? std::optional(DeliveredRecord{message.topic_name(),
                                                             message.partition(), message.offset()})
                             : std::nullopt);
  } else if (auto fatal = fatal_error()) {
    done = state.reject(std::move(*fatal));
  } else {
    done = state.reject(delivery_error_from(message.err(), message.topic_name()));
  }
  if (done) pending_.erase(it);
}

Status ProducerCore::flush(Deadline deadline) {
  auto code = producer_->flush(remaining_ms(deadline));
  if (code == RdKafka::ERR__TIMED_OUT) {
    return make_error(std::string(errc::kTimedOut),
                      std::to_string(producer_->outq_len()) +
                          " records or requests were still waiting for Kafka when the deadline "
                          "passed");
  }
  if (code != RdKafka::ERR_NO_ERROR) return error(code, "flushing the producer");
  return ok_status();
}

void ProducerCore::close(Deadline deadline) {
  if (closed_.exchange(true) || !producer_) return;
  if (!flush(deadline)) {
    // Whatever Kafka has not confirmed by now is given up on; its Deliveries fail, so the
    // caller (who has not acknowledged the source yet) produces it again after a restart.
    producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
    (void)producer_->flush(to_ms(kPurgeGrace));
  }
  stopping_ = true;
  // Wakes the delivery-report thread from its poll at once (RdKafka::Handle::yield() only works
  // from inside a callback).
  rd_kafka_queue_t* reports = rd_kafka_queue_get_main(producer_->c_ptr());
  rd_kafka_queue_yield(reports);
  rd_kafka_queue_destroy(reports);
  if (poller_.joinable()) poller_.join();

  std::unordered_map<DeliveryState*, std::shared_ptr<DeliveryState>> abandoned;
  {
    std::lock_guard lock(pending_mutex_);
    abandoned.swap(pending_);
  }
  for (auto& [id, state] : abandoned) {
    state->abandon(make_error(std::string(errc::kDeliveryFailed),
                              "the producer closed before Kafka confirmed the record; it may or "
                              "may not have been written"));
  }
}

Result<int> ProducerCore::partition_count(const std::string& topic, Deadline deadline) {
  return detail::partition_count(*producer_, topic, deadline);
}

std::optional<Error> ProducerCore::fatal_error() {
  std::string reason;
  auto underlying = producer_->fatal_error(reason);
  if (underlying == RdKafka::ERR_NO_ERROR) return std::nullopt;
  if (transactional_) {
    return make_error(std::string(errc::kFenced),
                      "the transactional producer is fenced or failed fatally: " + reason + " (" +
                          describe(underlying) +
                          "); stop producing and rejoin with a new producer");
  }
  return make_error(std::string(errc::kFatal), "the producer failed fatally: " + reason + " (" +
                                                   describe(underlying) +
                                                   "); it must be replaced by a new one");
}

Error ProducerCore::error(RdKafka::ErrorCode code, const std::string& what) {
  if (code == RdKafka::ERR__FATAL) {
    if (auto fatal = fatal_error()) return *fatal;
  }
  return error_from(code, what);
}

}  // namespace samsag::kafka::detail
