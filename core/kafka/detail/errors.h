// samsag Errors from librdkafka's error codes and error objects (codes in
// core/kafka/error_codes.h). Private to core/kafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <string>

#include "core/base/result.h"

namespace samsag::kafka::detail {

// `what` says what was being done, e.g. "reading the metadata of the cluster".
Error error_from(RdKafka::ErrorCode code, const std::string& what);

// A negative delivery report: DELIVERY_FAILED unless a more specific code tells the caller more
// (UNKNOWN_TOPIC, UNKNOWN_PARTITION, RECORD_TOO_LARGE, NOT_AUTHORIZED, FATAL).
Error delivery_error_from(RdKafka::ErrorCode code, const std::string& topic);

// An error of the transactional API: FENCED when fatal, TRANSACTION_ABORTABLE when the
// transaction must be aborted, TRANSACTION_RETRIABLE when the same call may be repeated.
Error transaction_error_from(const RdKafka::Error& error, const std::string& what);

// "Local: Message timed out (_MSG_TIMED_OUT)": librdkafka's description and its stable name.
std::string describe(RdKafka::ErrorCode code);

}  // namespace samsag::kafka::detail
