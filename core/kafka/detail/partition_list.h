// Owning conversions between samsag's partition values and librdkafka's TopicPartition lists.
// Private to core/kafka.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <string>
#include <vector>

#include "core/base/result.h"
#include "core/kafka/partition.h"

namespace samsag::kafka::detail {

// A std::vector<RdKafka::TopicPartition*> that deletes its elements.
class PartitionList {
 public:
  // nullopt offsets become librdkafka's "stored offset" (the group's committed one).
  explicit PartitionList(const std::vector<PartitionOffset>& partitions);
  explicit PartitionList(const std::vector<TopicPartition>& partitions);
  ~PartitionList();
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;

  std::vector<RdKafka::TopicPartition*>& get() { return list_; }

 private:
  std::vector<RdKafka::TopicPartition*> list_;
};

// librdkafka's "no offset" values become nullopt.
std::vector<PartitionOffset> to_offsets(const std::vector<RdKafka::TopicPartition*>& list);
std::vector<TopicPartition> to_partitions(const std::vector<RdKafka::TopicPartition*>& list);

// The first per-partition error in `list`, as an Error saying `what` failed for that partition.
Status first_partition_error(const std::vector<RdKafka::TopicPartition*>& list,
                             const std::string& what);

}  // namespace samsag::kafka::detail
