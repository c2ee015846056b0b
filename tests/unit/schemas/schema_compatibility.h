// The compatibility rule of DESIGN.md "Events and keys" as a check: schemas evolve only by adding;
// an existing field keeps its number, type, label and name for life; a removed field's number is
// `reserved`; enum values likewise. A breaking change is a new package (samsag.v2).
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"

namespace google::protobuf {
class FileDescriptorSet;
}

namespace samsag::schemas {

// One change of `current` that readers or writers of data made with `baseline` would trip over.
struct Incompatibility {
  std::string element;  // the message, field, enum or enum value, e.g. "samsag.v1.Event.event_id"
  std::string problem;  // what changed and what to do instead

  std::string to_string() const { return element + ": " + problem; }
};

// Every incompatibility of `current` with `baseline`, in baseline order; empty means compatible.
// Only files outside google/protobuf/ are compared. Error BAD_DESCRIPTOR_SET when a set does not
// build into a descriptor pool.
Result<std::vector<Incompatibility>> find_incompatibilities(
    const google::protobuf::FileDescriptorSet& baseline,
    const google::protobuf::FileDescriptorSet& current);

}  // namespace samsag::schemas
