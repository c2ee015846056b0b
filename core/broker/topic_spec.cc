#include "core/broker/topic_spec.h"

#include <charconv>

namespace samsag::broker {

Status check_topic_name(const std::string& name) {
  // Kafka's own limit (org.apache.kafka.common.internals.Topic): 249 characters.
  constexpr std::size_t kMaxNameLength = 249;
  if (name.empty() || name.size() > kMaxNameLength) {
    return make_error("INVALID_TOPIC_NAME", "a topic name has 1 to 249 characters");
  }
  if (name == "." || name == "..") {
    return make_error("INVALID_TOPIC_NAME", R"(a topic cannot be named "." or "..")");
  }
  for (const char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!allowed) {
      return make_error("INVALID_TOPIC_NAME", "topic \"" + name +
                                                  "\" has a character Kafka does not allow; use "
                                                  "letters, digits, '.', '_' and '-'");
    }
  }
  return ok_status();
}

Result<TopicSpec> parse_topic_spec(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    return make_error("INVALID_TOPIC",
                      "\"" + text + "\" is not NAME:PARTITIONS (e.g. aarhus.case.v1:6)");
  }
  std::string name = text.substr(0, colon);
  if (auto checked = check_topic_name(name); !checked) {
    return checked.error();
  }
  const std::string count = text.substr(colon + 1);
  int partitions = 0;
  const auto* end = count.data() + count.size();
  const auto [parsed_to, errc] = std::from_chars(count.data(), end, partitions);
  if (count.empty() || errc != std::errc{} || parsed_to != end || partitions < 1 ||
      partitions > kMaxPartitions) {
    return make_error("INVALID_TOPIC", "the partition count of \"" + text +
                                           "\" must be a number from 1 to " +
                                           std::to_string(kMaxPartitions));
  }
  return TopicSpec{std::move(name), partitions};
}

}  // namespace samsag::broker
