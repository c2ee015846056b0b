// The machine-readable codes of the Errors that core/kafka returns. Callers compare
// `result.error().code == kafka::errc::kFenced`; the Error's message is the human sentence.
#pragma once

#include <string_view>

namespace samsag::kafka::errc {

// A property name or value librdkafka rejects, or a setting samsag needs is missing.
inline constexpr std::string_view kInvalidSettings = "INVALID_KAFKA_SETTINGS";
// A call that the client's state does not allow (begin() before init(), commit() outside a
// transaction, an offset to commit that is not set).
inline constexpr std::string_view kInvalidState = "INVALID_STATE";
// The producer's local queue is full: poll the deliveries you hold, then produce again.
inline constexpr std::string_view kQueueFull = "QUEUE_FULL";
// Kafka did not confirm the record (delivery.timeout.ms passed, the broker refused it, or the
// producer closed first). The record may have to be produced again.
inline constexpr std::string_view kDeliveryFailed = "DELIVERY_FAILED";
// The caller's deadline passed before the call finished; nothing was given up on that the caller
// cannot retry.
inline constexpr std::string_view kTimedOut = "TIMED_OUT";
// A transactional producer is fenced (another instance with the same transactional.id took over)
// or hit another fatal error: stop producing, drop the producer, rejoin with a new one.
inline constexpr std::string_view kFenced = "FENCED";
// An idempotent producer or a consumer hit a fatal error: recreate the client.
inline constexpr std::string_view kFatal = "FATAL";
// The current transaction cannot commit: abort it, then redo the batch in a new transaction.
inline constexpr std::string_view kTransactionAbortable = "TRANSACTION_ABORTABLE";
// The transactional call did not finish (usually its timeout): call the same function again.
inline constexpr std::string_view kTransactionRetriable = "TRANSACTION_RETRIABLE";
// The topic does not exist (or is not visible to this client).
inline constexpr std::string_view kUnknownTopic = "UNKNOWN_TOPIC";
// The topic has no partition with that number.
inline constexpr std::string_view kUnknownPartition = "UNKNOWN_PARTITION";
// The record is larger than the producer or the broker accepts.
inline constexpr std::string_view kRecordTooLarge = "RECORD_TOO_LARGE";
// The cluster's ACLs do not allow this client the operation.
inline constexpr std::string_view kNotAuthorized = "NOT_AUTHORIZED";
// No broker could be reached.
inline constexpr std::string_view kBrokerUnreachable = "BROKER_UNREACHABLE";
// The broker does not implement the request (the embedded broker has no CreateTopics or
// DescribeConfigs), or not in a version this client speaks.
inline constexpr std::string_view kUnsupported = "UNSUPPORTED_BY_BROKER";
// A topic to create exists already.
inline constexpr std::string_view kTopicExists = "TOPIC_EXISTS";
// Any other librdkafka error; the sentence names it.
inline constexpr std::string_view kKafkaError = "KAFKA_ERROR";

}  // namespace samsag::kafka::errc
