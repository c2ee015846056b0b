#include "bridge/loop/input_offsets.h"

#include <algorithm>
#include <charconv>

namespace samsag::bridge {
namespace {

// Cannot collide with a pseudonym, which is "<key version>:<hex>".
constexpr std::string_view kCheckpointPrefix = "__checkpoint/";

}  // namespace

std::string checkpoint_key(std::int32_t partition) {
  return std::string(kCheckpointPrefix) + std::to_string(partition);
}

std::optional<std::int32_t> checkpoint_partition(std::string_view key) {
  if (key.substr(0, kCheckpointPrefix.size()) != kCheckpointPrefix) return std::nullopt;
  key.remove_prefix(kCheckpointPrefix.size());
  std::int32_t partition = 0;
  const auto* end = key.data() + key.size();
  auto [ptr, ec] = std::from_chars(key.data(), end, partition);
  if (key.empty() || ec != std::errc() || ptr != end || partition < 0) return std::nullopt;
  return partition;
}

InputOffsets InputOffsets::from_checkpoint(const samsag::v1::Checkpoint& checkpoint) {
  InputOffsets offsets;
  for (const auto& entry : checkpoint.offsets()) {
    auto& next = offsets.next_[entry.topic()];
    next = std::max(next, entry.next_offset());
  }
  return offsets;
}

std::optional<std::int64_t> InputOffsets::next(const std::string& topic) const {
  auto it = next_.find(topic);
  if (it == next_.end()) return std::nullopt;
  return it->second;
}

void InputOffsets::applied(const std::string& topic, std::int64_t offset) {
  auto [it, inserted] = next_.try_emplace(topic, offset + 1);
  if (!inserted) it->second = std::max(it->second, offset + 1);
}

samsag::v1::Checkpoint InputOffsets::to_checkpoint(
    std::int32_t partition, const google::protobuf::Timestamp& written_at) const {
  samsag::v1::Checkpoint checkpoint;
  checkpoint.set_partition(partition);
  for (const auto& [topic, next] : next_) {
    auto* entry = checkpoint.add_offsets();
    entry->set_topic(topic);
    entry->set_next_offset(next);
  }
  *checkpoint.mutable_written_at() = written_at;
  return checkpoint;
}

}  // namespace samsag::bridge
