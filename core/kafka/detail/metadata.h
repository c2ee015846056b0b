// Topic metadata read through any librdkafka handle. Private to core/kafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/deadline.h"
#include "core/kafka/topic_metadata.h"

namespace samsag::kafka::detail {

// Every topic the cluster shows this client, sorted by name. Asks for all topics rather than
// named ones on purpose: a request naming a topic can make a broker with auto-creation
// (like the embedded broker) create it, and a lookup must never create what it looks for.
Result<std::vector<TopicDescription>> list_topics(RdKafka::Handle& handle, Deadline deadline);

PartitionCounts partition_counts(const std::vector<TopicDescription>& listed,
                                 const std::vector<std::string>& wanted);

// Error: UNKNOWN_TOPIC when `topic` does not exist.
Result<int> partition_count(RdKafka::Handle& handle, const std::string& topic, Deadline deadline);

}  // namespace samsag::kafka::detail
