// What the cluster says about its topics: enough for the bridge's co-partitioning check and
// for `samsag topics ensure` to compare what exists with what the config asks for.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace samsag::kafka {

struct TopicDescription {
  std::string name;
  int partitions = 0;

  friend bool operator==(const TopicDescription&, const TopicDescription&) = default;
};

// The partition counts of the topics asked for: the ones that exist, and the ones that do not.
struct PartitionCounts {
  std::map<std::string, int> found;
  std::vector<std::string> missing;  // in the order they were asked for
};

}  // namespace samsag::kafka
