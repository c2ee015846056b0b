#include "bridge/api/audit_trail.h"

#include <google/protobuf/util/time_util.h>
#include <prometheus/counter.h>

#include <algorithm>

#include "core/kafka/error_codes.h"
#include "core/metrics/metrics.h"
#include "core/privacy/cpr_shape.h"

namespace samsag::bridge::api {

Result<std::string> purpose_of(const http::Request& request) {
  const auto header = request.header("X-Samsag-Purpose");
  if (!header || header->empty()) return std::string(kDefaultPurpose);
  if (header->size() > kMaxPurposeLength) {
    return make_error("INVALID_PURPOSE", "X-Samsag-Purpose is longer than 200 characters");
  }
  if (std::any_of(header->begin(), header->end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return make_error("INVALID_PURPOSE", "X-Samsag-Purpose holds control characters");
  }
  if (samsag::privacy::contains_cpr_shaped(*header)) {
    return make_error("INVALID_PURPOSE",
                      "X-Samsag-Purpose holds a CPR-shaped number; the purpose names no citizen");
  }
  return std::string(*header);
}

samsag::v1::AccessOutcome outcome_of(const ApiError& error) {
  switch (error.status) {
    case 401:
      return samsag::v1::ACCESS_OUTCOME_UNAUTHENTICATED;
    case 403:
      return samsag::v1::ACCESS_OUTCOME_FORBIDDEN;
    case 404:
      return samsag::v1::ACCESS_OUTCOME_NOT_FOUND;
    default:
      return samsag::v1::ACCESS_OUTCOME_INVALID;
  }
}

void count_audit_failure(const Error& error) {
  static auto& family = prometheus::BuildCounter()
                            .Name("samsag_api_audit_failures_total")
                            .Help(
                                "Audit records Kafka did not acknowledge in time, by reason "
                                "(timeout, kafka_error); each one refused a request with 503.")
                            .Register(metrics::registry());
  static auto& timeout = family.Add({{"reason", "timeout"}});
  static auto& kafka_error = family.Add({{"reason", "kafka_error"}});
  (error.code == kafka::errc::kTimedOut ? timeout : kafka_error).Increment();
}

kafka::Delivery AuditTrail::write(samsag::v1::AccessRecord record) {
  record.set_municipality_code(municipality_code_);
  *record.mutable_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  return sink_.produce(kafka::ProducerRecord{
      .topic = topic_,
      .key = record.citizen(),
      .value = record.SerializeAsString(),
      .headers = {{"schema", "samsag.v1.AccessRecord"}},
  });
}

}  // namespace samsag::bridge::api
