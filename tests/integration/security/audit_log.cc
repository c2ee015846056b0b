#include "audit_log.h"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "tests/support/topic_reader.h"

namespace samsag::security_test {

std::map<std::string, samsag::v1::AccessRecord> audit_records(const std::string& bootstrap) {
  std::map<std::string, samsag::v1::AccessRecord> records;
  for (const auto& message : samsag::testing::TopicReader(bootstrap).read_all(kAuditTopic)) {
    samsag::v1::AccessRecord record;
    if (!record.ParseFromString(message.value.value_or(""))) {
      throw std::runtime_error("a record on the audit topic is not an AccessRecord");
    }
    if (!records.emplace(record.request_id(), record).second) {
      throw std::runtime_error("two audit records for request " + record.request_id());
    }
  }
  return records;
}

std::map<std::string, samsag::v1::AccessRecord> audit_records_once_holding(
    const std::string& bootstrap, const std::set<std::string>& expected,
    std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto records = audit_records(bootstrap);
    const bool complete =
        std::ranges::all_of(expected, [&](const std::string& id) { return records.contains(id); });
    if (complete || std::chrono::steady_clock::now() >= deadline) return records;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // poll interval, not a wait
  }
}

}  // namespace samsag::security_test
