#include "core/kafka/detail/errors.h"

#include <librdkafka/rdkafka.h>

#include <string_view>

#include "core/kafka/error_codes.h"

namespace samsag::kafka::detail {
namespace {

Error coded(std::string_view code, std::string sentence) {
  return make_error(std::string(code), std::move(sentence));
}

std::string_view code_for(RdKafka::ErrorCode code) {
  switch (code) {
    case RdKafka::ERR__QUEUE_FULL:
      return errc::kQueueFull;
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR_REQUEST_TIMED_OUT:
      return errc::kTimedOut;
    case RdKafka::ERR__MSG_TIMED_OUT:
    case RdKafka::ERR__PURGE_QUEUE:
    case RdKafka::ERR__PURGE_INFLIGHT:
      return errc::kDeliveryFailed;
    case RdKafka::ERR__FATAL:
      return errc::kFatal;
    case RdKafka::ERR__FENCED:
    case RdKafka::ERR_PRODUCER_FENCED:
    case RdKafka::ERR_INVALID_PRODUCER_EPOCH:
      return errc::kFenced;
    case RdKafka::ERR__UNKNOWN_TOPIC:
    case RdKafka::ERR_UNKNOWN_TOPIC_OR_PART:
      return errc::kUnknownTopic;
    case RdKafka::ERR__UNKNOWN_PARTITION:
      return errc::kUnknownPartition;
    case RdKafka::ERR_MSG_SIZE_TOO_LARGE:
      return errc::kRecordTooLarge;
    case RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED:
    case RdKafka::ERR_GROUP_AUTHORIZATION_FAILED:
    case RdKafka::ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RdKafka::ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
      return errc::kNotAuthorized;
    case RdKafka::ERR__TRANSPORT:
    case RdKafka::ERR__ALL_BROKERS_DOWN:
    case RdKafka::ERR__RESOLVE:
      return errc::kBrokerUnreachable;
    case RdKafka::ERR__UNSUPPORTED_FEATURE:
    case RdKafka::ERR_UNSUPPORTED_VERSION:
      return errc::kUnsupported;
    case RdKafka::ERR_TOPIC_ALREADY_EXISTS:
      return errc::kTopicExists;
    case RdKafka::ERR__STATE:
    case RdKafka::ERR__NOT_CONFIGURED:
      return errc::kInvalidState;
    default:
      return errc::kKafkaError;
  }
}

}  // namespace

std::string describe(RdKafka::ErrorCode code) {
  return RdKafka::err2str(code) + " (" + rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(code)) +
         ")";
}

Error error_from(RdKafka::ErrorCode code, const std::string& what) {
  return coded(code_for(code), what + " failed: " + describe(code));
}

Error delivery_error_from(RdKafka::ErrorCode code, const std::string& topic) {
  auto specific = code_for(code);
  if (specific == errc::kUnknownTopic || specific == errc::kUnknownPartition ||
      specific == errc::kRecordTooLarge || specific == errc::kNotAuthorized ||
      specific == errc::kFatal) {
    return coded(specific, "Kafka refused a record for topic " + topic + ": " + describe(code));
  }
  if (code == RdKafka::ERR__MSG_TIMED_OUT) {
    return coded(errc::kDeliveryFailed,
                 "Kafka did not confirm a record for topic " + topic +
                     " within delivery.timeout.ms; it was not written and may be produced again");
  }
  if (code == RdKafka::ERR__PURGE_QUEUE || code == RdKafka::ERR__PURGE_INFLIGHT) {
    return coded(errc::kDeliveryFailed,
                 "a record for topic " + topic +
                     " was dropped before Kafka confirmed it (producer closed or transaction "
                     "aborted): " +
                     describe(code));
  }
  return coded(errc::kDeliveryFailed,
               "Kafka did not accept a record for topic " + topic + ": " + describe(code));
}

Error transaction_error_from(const RdKafka::Error& error, const std::string& what) {
  const std::string reason = error.str() + " (" + error.name() + ")";
  if (error.is_fatal()) {
    return coded(errc::kFenced, what + " failed fatally: " + reason +
                                    "; this producer must stop and be replaced by a new one");
  }
  if (error.txn_requires_abort()) {
    return coded(errc::kTransactionAbortable,
                 what + " failed: " + reason + "; abort the transaction and redo the batch");
  }
  if (error.is_retriable()) {
    return coded(errc::kTransactionRetriable,
                 what + " did not finish: " + reason + "; the same call may be repeated");
  }
  return coded(code_for(error.code()), what + " failed: " + reason);
}

}  // namespace samsag::kafka::detail
