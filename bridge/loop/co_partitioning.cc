#include "bridge/loop/co_partitioning.h"

#include <set>

namespace samsag::bridge {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

Result<std::int32_t> check_co_partitioned(const kafka::PartitionCounts& counts,
                                          const std::vector<std::string>& inputs,
                                          const std::string& case_topic) {
  if (!counts.missing.empty()) {
    return make_error(kTopicsMissing, "the bridge cannot start: topic(s) " +
                                          joined(counts.missing) +
                                          " do not exist; create them with `samsag topics "
                                          "ensure` (every input and the case topic need the "
                                          "same partition count)");
  }
  std::vector<std::string> topics = inputs;
  topics.push_back(case_topic);
  std::set<int> distinct;
  std::string listing;
  for (const auto& topic : topics) {
    auto it = counts.found.find(topic);
    if (it == counts.found.end()) {
      return make_error(kTopicsMissing, "the bridge cannot start: topic " + topic +
                                            " was not described by the cluster");
    }
    distinct.insert(it->second);
    listing += (listing.empty() ? "" : ", ") + topic + " has " + std::to_string(it->second);
  }
  if (distinct.size() != 1) {
    return make_error(kNotCoPartitioned,
                      "the bridge refuses to start: its input topics and " + case_topic +
                          " are not co-partitioned (" + listing +
                          " partitions); partition i of every one must hold the same citizens, "
                          "so all need the same partition count");
  }
  return static_cast<std::int32_t>(*distinct.begin());
}

}  // namespace samsag::bridge
