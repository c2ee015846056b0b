// How far the bridge has applied one partition's inputs, and the checkpoint record that says so
// on the case topic (DESIGN.md "Delivery and state"): key "__checkpoint/<i>", value a
// samsag.v1.Checkpoint with the next offset to read per input topic of partition i.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "samsag/v1/case.pb.h"

namespace samsag::bridge {

// The case-topic key of partition `partition`'s checkpoint.
std::string checkpoint_key(std::int32_t partition);
// The partition a checkpoint key names; nullopt for any other key (a citizen's pseudonym).
std::optional<std::int32_t> checkpoint_partition(std::string_view key);

// The next offset to read per input topic of one partition. Topics the bridge has read nothing
// from yet have no entry: reading them starts at their beginning.
class InputOffsets {
 public:
  InputOffsets() = default;
  static InputOffsets from_checkpoint(const samsag::v1::Checkpoint& checkpoint);

  std::optional<std::int64_t> next(const std::string& topic) const;
  // Records that the record at `offset` of `topic` is applied. Never moves backwards.
  void applied(const std::string& topic, std::int64_t offset);

  // The checkpoint of `partition`, topics in name order, so equal offsets give equal bytes.
  samsag::v1::Checkpoint to_checkpoint(std::int32_t partition,
                                       const google::protobuf::Timestamp& written_at) const;

  const std::map<std::string, std::int64_t>& by_topic() const { return next_; }

  friend bool operator==(const InputOffsets&, const InputOffsets&) = default;

 private:
  std::map<std::string, std::int64_t> next_;
};

}  // namespace samsag::bridge
