// The bridge's start-up check: partition i of every input topic and of the case topic must hold
// the same citizens, so all six inputs and {m}.case.v1 need the same partition count (DESIGN.md
// "Events and keys"). Otherwise consent-first and the per-partition checkpoint mean nothing, and
// the bridge refuses to start.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/topic_metadata.h"

namespace samsag::bridge {

// Error codes of the check.
inline constexpr const char* kTopicsMissing = "TOPICS_MISSING";
inline constexpr const char* kNotCoPartitioned = "NOT_CO_PARTITIONED";

// The common partition count of `inputs` and `case_topic`, or an Error whose sentence names
// every topic with its count (or says which are missing). `counts` comes from
// kafka::Admin::partition_counts over inputs + case_topic.
Result<std::int32_t> check_co_partitioned(const kafka::PartitionCounts& counts,
                                          const std::vector<std::string>& inputs,
                                          const std::string& case_topic);

}  // namespace samsag::bridge
