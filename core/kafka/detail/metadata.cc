#include "core/kafka/detail/metadata.h"

#include <algorithm>
#include <memory>

#include "core/kafka/detail/errors.h"
#include "core/kafka/detail/timeouts.h"
#include "core/kafka/error_codes.h"

namespace samsag::kafka::detail {

Result<std::vector<TopicDescription>> list_topics(RdKafka::Handle& handle, Deadline deadline) {
  const int timeout = remaining_ms(deadline);
  if (timeout == 0) return error_from(RdKafka::ERR__TIMED_OUT, "reading the topics of the cluster");
  RdKafka::Metadata* raw = nullptr;
  auto code = handle.metadata(/*all_topics=*/true, nullptr, &raw, timeout);
  std::unique_ptr<RdKafka::Metadata> metadata(raw);
  if (code != RdKafka::ERR_NO_ERROR) return error_from(code, "reading the topics of the cluster");

  std::vector<TopicDescription> topics;
  for (const auto* topic : *metadata->topics()) {
    // A topic being created or deleted can be listed with an error and no partitions yet.
    if (topic->partitions()->empty()) continue;
    topics.push_back({topic->topic(), static_cast<int>(topic->partitions()->size())});
  }
  std::sort(topics.begin(), topics.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return topics;
}

PartitionCounts partition_counts(const std::vector<TopicDescription>& listed,
                                 const std::vector<std::string>& wanted) {
  PartitionCounts counts;
  for (const auto& name : wanted) {
    auto it = std::find_if(listed.begin(), listed.end(),
                           [&name](const auto& topic) { return topic.name == name; });
    if (it == listed.end()) {
      if (std::find(counts.missing.begin(), counts.missing.end(), name) == counts.missing.end()) {
        counts.missing.push_back(name);
      }
    } else {
      counts.found[name] = it->partitions;
    }
  }
  return counts;
}

Result<int> partition_count(RdKafka::Handle& handle, const std::string& topic, Deadline deadline) {
  auto listed = list_topics(handle, deadline);
  if (!listed) return listed.error();
  auto counts = partition_counts(*listed, {topic});
  if (counts.found.empty()) {
    return make_error(std::string(errc::kUnknownTopic), "topic " + topic + " does not exist");
  }
  return counts.found.begin()->second;
}

}  // namespace samsag::kafka::detail
