#include "audit_log.h"

#include <stdexcept>

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

}  // namespace samsag::security_test
