// Internal to the loader: YAML mapped onto any Protobuf message through its descriptor, so that a
// field added to schemas/samsag/config/v1/config.proto is configurable without a loader change.
#pragma once

#include <filesystem>

#include "core/config/problem_list.h"

namespace YAML {
class Node;
}
namespace google::protobuf {
class Message;
}

namespace samsag::config {

struct MappingContext {
  std::filesystem::path base_dir;  // the config file's directory, for ${file:relative}
  ProblemList& problems;
  SourceMap& source_map;
};

// Maps the document `root` onto `message`. The rules (documented for operators in config.h):
// keys are the proto field names; scalars become integers, booleans (true/false), strings or enum
// values (by full or short name); lists fill repeated fields; mappings fill messages and
// map<> fields; at most one member of a oneof may be set; every scalar is interpolated first.
// Unknown and duplicate keys, wrong shapes and bad values are added to `context.problems` with
// their line, and mapping carries on with the next key.
void map_yaml(const YAML::Node& root, google::protobuf::Message& message,
              const MappingContext& context);

}  // namespace samsag::config
