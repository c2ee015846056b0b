#include "core/kafka/consumer.h"

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "core/kafka/detail/client_conf.h"
#include "core/kafka/detail/errors.h"
#include "core/kafka/detail/event_logger.h"
#include "core/kafka/detail/group_metadata.h"
#include "core/kafka/detail/partition_list.h"
#include "core/kafka/detail/timeouts.h"
#include "core/kafka/error_codes.h"
#include "core/log/log.h"

namespace samsag::kafka {
namespace {

constexpr int kClosePollIntervalMs = 100;

Message to_message(RdKafka::Message& raw) {
  Message message;
  message.topic = raw.topic_name();
  message.partition = raw.partition();
  message.offset = raw.offset();
  if (raw.key_pointer() != nullptr) {
    message.key.emplace(static_cast<const char*>(raw.key_pointer()), raw.key_len());
  }
  if (raw.payload() != nullptr) {
    message.value.emplace(static_cast<const char*>(raw.payload()), raw.len());
  }
  if (const RdKafka::Headers* headers = raw.headers(); headers != nullptr) {
    for (const auto& header : headers->get_all()) {
      std::string value;
      if (header.value() != nullptr) {
        value.assign(static_cast<const char*>(header.value()), header.value_size());
      }
      message.headers.push_back({header.key(), std::move(value)});
    }
  }
  auto timestamp = raw.timestamp();
  if (timestamp.type != RdKafka::MessageTimestamp::MSG_TIMESTAMP_NOT_AVAILABLE) {
    message.timestamp.emplace(std::chrono::milliseconds(timestamp.timestamp));
  }
  return message;
}

Error timed_out(const std::string& what) {
  return make_error(std::string(errc::kTimedOut), what + " did not finish before the deadline");
}

// Asks a broker for `topic`'s metadata, which updates librdkafka's cache of partition leaders.
// Best effort: a failure leaves the cache as it was, and the caller's retry reports the error.
void refresh_metadata(RdKafka::KafkaConsumer& consumer, const std::string& topic, int timeout_ms) {
  if (timeout_ms <= 0) return;
  std::string error;
  std::unique_ptr<RdKafka::Topic> handle(RdKafka::Topic::create(&consumer, topic, nullptr, error));
  if (!handle) return;
  RdKafka::Metadata* metadata = nullptr;
  if (consumer.metadata(false, handle.get(), &metadata, timeout_ms) == RdKafka::ERR_NO_ERROR) {
    delete metadata;
  }
}

}  // namespace

class Consumer::Impl : public RdKafka::RebalanceCb {
 public:
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode code,
                    std::vector<RdKafka::TopicPartition*>& partitions) override;
  Error fatal_or(RdKafka::ErrorCode code, const std::string& what);
  // A rebalance while closing: the partitions go back to the group (on_revoked runs first).
  void hand_back(rd_kafka_event_t* rebalance);

  detail::EventLogger logger{"consumer"};  // before `consumer`: used until the handle is gone
  std::unique_ptr<RdKafka::KafkaConsumer> consumer;
  RebalanceCallbacks callbacks;
  bool callbacks_enabled = true;
  std::optional<Error> rebalance_error;  // reported by the next poll()
  bool closed = false;
};

// The range assignor is eager: every rebalance revokes everything, then assigns anew.
void Consumer::Impl::rebalance_cb(RdKafka::KafkaConsumer* handle, RdKafka::ErrorCode code,
                                  std::vector<RdKafka::TopicPartition*>& partitions) {
  if (code == RdKafka::ERR__ASSIGN_PARTITIONS) {
    if (callbacks_enabled && callbacks.on_assigned) {
      auto assigned = detail::to_offsets(partitions);
      callbacks.on_assigned(assigned);
      for (auto* partition : partitions) {
        auto chosen = std::find_if(assigned.begin(), assigned.end(), [partition](const auto& a) {
          return a.topic == partition->topic() && a.partition == partition->partition();
        });
        if (chosen != assigned.end() && chosen->offset) partition->set_offset(*chosen->offset);
      }
    }
    if (auto result = handle->assign(partitions); result != RdKafka::ERR_NO_ERROR) {
      rebalance_error = detail::error_from(result, "taking over the assigned partitions");
    }
    return;
  }
  if (code == RdKafka::ERR__REVOKE_PARTITIONS) {
    if (callbacks_enabled && callbacks.on_revoked) {
      callbacks.on_revoked(detail::to_partitions(partitions));
    }
  } else {
    rebalance_error = detail::error_from(code, "rebalancing the consumer group");
  }
  if (auto result = handle->unassign(); result != RdKafka::ERR_NO_ERROR) {
    rebalance_error = detail::error_from(result, "handing back the revoked partitions");
  }
}

void Consumer::Impl::hand_back(rd_kafka_event_t* rebalance) {
  const rd_kafka_topic_partition_list_t* list = rd_kafka_event_topic_partition_list(rebalance);
  if (rd_kafka_event_error(rebalance) == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS && list != nullptr &&
      callbacks_enabled && callbacks.on_revoked) {
    std::vector<TopicPartition> revoked;
    revoked.reserve(static_cast<std::size_t>(list->cnt));
    for (int i = 0; i < list->cnt; ++i) {
      revoked.push_back({list->elems[i].topic, list->elems[i].partition});
    }
    callbacks.on_revoked(revoked);
  }
  // Whatever the event, a closing consumer keeps no partitions.
  rd_kafka_assign(consumer->c_ptr(), nullptr);
}

Error Consumer::Impl::fatal_or(RdKafka::ErrorCode code, const std::string& what) {
  std::string reason;
  if (auto underlying = consumer->fatal_error(reason); underlying != RdKafka::ERR_NO_ERROR) {
    return make_error(std::string(errc::kFatal), "the consumer failed fatally: " + reason + " (" +
                                                     detail::describe(underlying) +
                                                     "); it must be replaced by a new one");
  }
  return detail::error_from(code, what);
}

Result<Consumer> Consumer::create(const KafkaSettings& settings) {
  if (settings.role() != ClientRole::kConsumer) {
    throw std::invalid_argument("Consumer needs KafkaSettings::for_consumer settings");
  }
  auto conf = detail::make_conf(settings.properties());
  if (!conf) return conf.error();
  for (const auto& name : settings.overridden()) {
    log::warn("kafka property replaced by samsag's required value", {{"property", name}});
  }

  auto impl = std::make_unique<Impl>();
  std::string reason;
  (*conf)->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(impl.get()), reason);
  (*conf)->set("event_cb", static_cast<RdKafka::EventCb*>(&impl->logger), reason);
  impl->consumer.reset(RdKafka::KafkaConsumer::create(conf->get(), reason));
  if (!impl->consumer) {
    return make_error(std::string(errc::kInvalidSettings),
                      "the Kafka consumer could not be created: " + reason);
  }
  return Consumer(std::move(impl));
}

Consumer::Consumer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Consumer::Consumer(Consumer&&) noexcept = default;
Consumer& Consumer::operator=(Consumer&&) noexcept = default;

Consumer::~Consumer() {
  if (!impl_) return;
  impl_->callbacks_enabled = false;
  (void)close(deadline_in(kCloseTimeout));
}

Status Consumer::subscribe(const std::vector<std::string>& topics, RebalanceCallbacks callbacks) {
  impl_->callbacks = std::move(callbacks);
  auto code = impl_->consumer->subscribe(topics);
  if (code != RdKafka::ERR_NO_ERROR) return impl_->fatal_or(code, "subscribing to topics");
  return ok_status();
}

Status Consumer::assign(const std::vector<PartitionOffset>& partitions) {
  detail::PartitionList list(partitions);
  auto code = impl_->consumer->assign(list.get());
  if (code != RdKafka::ERR_NO_ERROR) return impl_->fatal_or(code, "assigning partitions");
  return ok_status();
}

Status Consumer::unassign() {
  auto code = impl_->consumer->unassign();
  if (code != RdKafka::ERR_NO_ERROR) return impl_->fatal_or(code, "unassigning partitions");
  return ok_status();
}

Result<std::vector<TopicPartition>> Consumer::assignment() {
  std::vector<RdKafka::TopicPartition*> raw;
  auto code = impl_->consumer->assignment(raw);
  auto partitions = detail::to_partitions(raw);
  RdKafka::TopicPartition::destroy(raw);
  if (code != RdKafka::ERR_NO_ERROR) return impl_->fatal_or(code, "reading the assignment");
  return partitions;
}

Result<std::optional<Message>> Consumer::poll(std::chrono::milliseconds timeout) {
  auto take_rebalance_error = [this]() -> std::optional<Error> {
    auto error = std::move(impl_->rebalance_error);
    impl_->rebalance_error.reset();
    return error;
  };
  if (auto error = take_rebalance_error()) return *error;
  if (impl_->closed) {
    return make_error(std::string(errc::kInvalidState), "the consumer is closed; it cannot poll");
  }

  std::unique_ptr<RdKafka::Message> raw(impl_->consumer->consume(detail::to_ms(timeout)));
  switch (raw->err()) {
    case RdKafka::ERR_NO_ERROR:
      return std::optional<Message>(to_message(*raw));
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__PARTITION_EOF:
      if (auto error = take_rebalance_error()) return *error;
      return std::optional<Message>();
    default: {
      auto error = impl_->fatal_or(raw->err(), "reading from Kafka");
      if (error.code != errc::kFatal) error.message += ": " + raw->errstr();
      return error;
    }
  }
}

Status Consumer::seek(const TopicPartition& partition, std::int64_t offset, Deadline deadline) {
  const int timeout = detail::remaining_ms(deadline);
  if (timeout == 0) return timed_out("seeking");
  std::unique_ptr<RdKafka::TopicPartition> target(
      RdKafka::TopicPartition::create(partition.topic, partition.partition, offset));
  auto code = impl_->consumer->seek(*target, timeout);
  if (code != RdKafka::ERR_NO_ERROR) {
    return impl_->fatal_or(code, "seeking in " + partition.topic + " partition " +
                                     std::to_string(partition.partition));
  }
  return ok_status();
}

Result<std::vector<PartitionOffset>> Consumer::committed(
    const std::vector<TopicPartition>& partitions, Deadline deadline) {
  const int timeout = detail::remaining_ms(deadline);
  if (timeout == 0) return timed_out("reading committed offsets");
  detail::PartitionList list(partitions);
  auto code = impl_->consumer->committed(list.get(), timeout);
  if (code != RdKafka::ERR_NO_ERROR) return impl_->fatal_or(code, "reading committed offsets");
  if (auto status = detail::first_partition_error(list.get(), "reading the committed offset");
      !status) {
    return status.error();
  }
  return detail::to_offsets(list.get());
}

Result<std::vector<PartitionOffset>> Consumer::position(
    const std::vector<TopicPartition>& partitions) {
  detail::PartitionList list(partitions);
  auto code = impl_->consumer->position(list.get());
  if (code != RdKafka::ERR_NO_ERROR) return impl_->fatal_or(code, "reading positions");
  return detail::to_offsets(list.get());
}

Result<Watermarks> Consumer::watermarks(const TopicPartition& partition, Deadline deadline) {
  const int timeout = detail::remaining_ms(deadline);
  if (timeout == 0) return timed_out("reading watermark offsets");
  Watermarks marks;
  auto code = impl_->consumer->query_watermark_offsets(partition.topic, partition.partition,
                                                       &marks.low, &marks.high, timeout);
  if (code == RdKafka::ERR_NOT_LEADER_FOR_PARTITION || code == RdKafka::ERR_LEADER_NOT_AVAILABLE) {
    // librdkafka asks the leader it has cached and does not refresh it on this error (2.0.2): after
    // a broker failover every query would fail until something else fetched fresh metadata.
    // Fetching the topic's metadata updates the cache; then ask once more.
    refresh_metadata(*impl_->consumer, partition.topic, detail::remaining_ms(deadline));
    const int left = detail::remaining_ms(deadline);
    if (left > 0) {
      code = impl_->consumer->query_watermark_offsets(partition.topic, partition.partition,
                                                      &marks.low, &marks.high, left);
    }
  }
  if (code != RdKafka::ERR_NO_ERROR) {
    return impl_->fatal_or(code, "reading the watermark offsets of " + partition.topic +
                                     " partition " + std::to_string(partition.partition));
  }
  return marks;
}

Result<Watermarks> Consumer::fetched_watermarks(const TopicPartition& partition) {
  Watermarks marks;
  auto code = impl_->consumer->get_watermark_offsets(partition.topic, partition.partition,
                                                     &marks.low, &marks.high);
  if (code != RdKafka::ERR_NO_ERROR) {
    return impl_->fatal_or(code, "reading the fetched watermarks of " + partition.topic);
  }
  // librdkafka reports what no response has carried yet as a negative logical offset; a low
  // mark taken as 0 would inflate a lag computed from it.
  if (marks.high < 0 || marks.low < 0) {
    return make_error(std::string(errc::kInvalidState),
                      "no fetch response has carried the watermarks of " + partition.topic +
                          " partition " + std::to_string(partition.partition) + " yet");
  }
  return marks;
}

Status Consumer::commit(const std::vector<PartitionOffset>& offsets) {
  if (offsets.empty()) return ok_status();
  for (const auto& offset : offsets) {
    if (!offset.offset) {
      return make_error(std::string(errc::kInvalidState),
                        "an offset to commit must be set (topic " + offset.topic + " partition " +
                            std::to_string(offset.partition) + ")");
    }
  }
  detail::PartitionList list(offsets);
  auto code = impl_->consumer->commitSync(list.get());
  if (code != RdKafka::ERR_NO_ERROR) return impl_->fatal_or(code, "committing offsets");
  return detail::first_partition_error(list.get(), "committing the offset");
}

ConsumerGroupMetadata Consumer::group_metadata() {
  auto impl = std::make_unique<ConsumerGroupMetadata::Impl>();
  impl->metadata.reset(impl_->consumer->groupMetadata());
  return ConsumerGroupMetadata(std::move(impl));
}

Status Consumer::close(Deadline deadline) {
  if (impl_->closed) return ok_status();
  impl_->closed = true;
  // librdkafka's own close() may block for up to session.timeout.ms; closing through a queue we
  // serve ourselves keeps the caller's deadline. The queue is read as events, not callbacks:
  // records and errors still in flight arrive on it too, and only events let us drop them.
  rd_kafka_t* handle = impl_->consumer->c_ptr();
  rd_kafka_queue_t* queue = rd_kafka_queue_new(handle);
  if (rd_kafka_error_t* error = rd_kafka_consumer_close_queue(handle, queue)) {
    auto code = static_cast<RdKafka::ErrorCode>(rd_kafka_error_code(error));
    rd_kafka_error_destroy(error);
    rd_kafka_queue_destroy(queue);
    return detail::error_from(code, "closing the consumer");
  }
  Status outcome = ok_status();
  while (!rd_kafka_consumer_closed(handle)) {
    const int left = detail::remaining_ms(deadline);
    if (left == 0) {
      outcome = timed_out("leaving the consumer group");
      break;
    }
    rd_kafka_event_t* event = rd_kafka_queue_poll(queue, std::min(left, kClosePollIntervalMs));
    if (event == nullptr) continue;
    if (rd_kafka_event_type(event) == RD_KAFKA_EVENT_REBALANCE) impl_->hand_back(event);
    rd_kafka_event_destroy(event);
  }
  rd_kafka_queue_destroy(queue);
  return outcome;
}

ConsumerGroupMetadata::ConsumerGroupMetadata(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ConsumerGroupMetadata::ConsumerGroupMetadata(ConsumerGroupMetadata&&) noexcept = default;
ConsumerGroupMetadata& ConsumerGroupMetadata::operator=(ConsumerGroupMetadata&&) noexcept = default;
ConsumerGroupMetadata::~ConsumerGroupMetadata() = default;

}  // namespace samsag::kafka
