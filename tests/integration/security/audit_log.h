// The AccessRecords on {m}.audit.v1, by request id, for the security tests' "and an audit record"
// checks: an answer's X-Request-Id names the record written for it.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>

#include "samsag/v1/audit.pb.h"

namespace samsag::security_test {

inline constexpr const char* kAuditTopic = "demo.audit.v1";

// Every record on the topic now. Throws std::runtime_error when one is not an AccessRecord or two
// share a request id (one record per request).
std::map<std::string, samsag::v1::AccessRecord> audit_records(const std::string& bootstrap);

// audit_records(), read again until it holds every id of `expected` or `timeout` passed: the
// records of refused requests are written after the answer went out.
std::map<std::string, samsag::v1::AccessRecord> audit_records_once_holding(
    const std::string& bootstrap, const std::set<std::string>& expected,
    std::chrono::seconds timeout = std::chrono::seconds(60));

}  // namespace samsag::security_test
