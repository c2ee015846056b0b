#include "core/kafka/detail/partition_list.h"

#include "core/kafka/detail/errors.h"

namespace samsag::kafka::detail {

PartitionList::PartitionList(const std::vector<PartitionOffset>& partitions) {
  list_.reserve(partitions.size());
  for (const auto& p : partitions) {
    list_.push_back(RdKafka::TopicPartition::create(
        p.topic, p.partition, p.offset.value_or(RdKafka::Topic::OFFSET_STORED)));
  }
}

PartitionList::PartitionList(const std::vector<TopicPartition>& partitions) {
  list_.reserve(partitions.size());
  for (const auto& p : partitions) {
    list_.push_back(RdKafka::TopicPartition::create(p.topic, p.partition));
  }
}

PartitionList::~PartitionList() { RdKafka::TopicPartition::destroy(list_); }

std::vector<PartitionOffset> to_offsets(const std::vector<RdKafka::TopicPartition*>& list) {
  std::vector<PartitionOffset> offsets;
  offsets.reserve(list.size());
  for (const auto* p : list) {
    PartitionOffset offset{p->topic(), p->partition(), std::nullopt};
    if (p->offset() != RdKafka::Topic::OFFSET_INVALID &&
        p->offset() != RdKafka::Topic::OFFSET_STORED) {
      offset.offset = p->offset();
    }
    offsets.push_back(std::move(offset));
  }
  return offsets;
}

std::vector<TopicPartition> to_partitions(const std::vector<RdKafka::TopicPartition*>& list) {
  std::vector<TopicPartition> partitions;
  partitions.reserve(list.size());
  for (const auto* p : list) partitions.push_back({p->topic(), p->partition()});
  return partitions;
}

Status first_partition_error(const std::vector<RdKafka::TopicPartition*>& list,
                             const std::string& what) {
  for (const auto* p : list) {
    if (p->err() != RdKafka::ERR_NO_ERROR) {
      return error_from(
          p->err(), what + " for " + p->topic() + " partition " + std::to_string(p->partition()));
    }
  }
  return ok_status();
}

}  // namespace samsag::kafka::detail
