// The access log (domain.md §5, DESIGN.md "Privacy is part of the architecture"): one
// samsag.v1.AccessRecord per request to a case endpoint, granted or denied, on {m}.audit.v1, keyed
// by the citizen's pseudonym (empty when unknown). The API answers only after Kafka acknowledged
// it: no audit, no data.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <optional>
#include <string>

#include "bridge/api/api_response.h"
#include "bridge/api/record_sink.h"
#include "core/http/request.h"
#include "samsag/v1/audit.pb.h"

namespace samsag::bridge::api {

inline constexpr const char* kDefaultPurpose = "hoi-coordination";
inline constexpr std::size_t kMaxPurposeLength = 200;

// The X-Samsag-Purpose header, or the default; an error (400) when it is longer than 200
// characters, holds control characters or a CPR-shaped number.
Result<std::string> purpose_of(const http::Request& request);

// The outcome an error status is audited as.
samsag::v1::AccessOutcome outcome_of(const ApiError& error);

// Counts an audit record Kafka did not acknowledge in time in samsag_api_audit_failures_total,
// by reason: timeout (no answer before the deadline) or kafka_error (Kafka refused it).
void count_audit_failure(const Error& error);

class AuditTrail {
 public:
  AuditTrail(RecordSink& sink, std::string topic, std::uint32_t municipality_code)
      : sink_(sink), topic_(std::move(topic)), municipality_code_(municipality_code) {}

  // Fills municipality_code and `at` (now), and produces the record.
  kafka::Delivery write(samsag::v1::AccessRecord record);

  const std::string& topic() const { return topic_; }

 private:
  RecordSink& sink_;
  std::string topic_;
  std::uint32_t municipality_code_;
};

}  // namespace samsag::bridge::api
