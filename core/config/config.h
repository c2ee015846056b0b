// Loading the municipality's configuration: YAML (yaml-cpp) mapped onto the Protobuf config schema
// (schemas/samsag/config/v1/config.proto), validated once here. After loading, code receives
// a typed samsag::config::v1::Config and never re-parses strings.
#pragma once

#include <string>
#include <vector>

#include "core/base/result.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::config {

// One problem found in a config file, reported as "file:line: message".
struct ConfigProblem {
  std::string file;
  int line = 0;  // 1-based; 0 when the problem concerns the file as a whole
  std::string message;

  std::string to_string() const;
};

struct LoadResult {
  samsag::config::v1::Config config;
  std::vector<ConfigProblem> problems;  // empty means the config is valid
  bool ok() const { return problems.empty(); }
};

// Reads, interpolates (${env:NAME}, ${file:PATH}) and validates `path`. Every problem is collected,
// not just the first.
LoadResult load_config(const std::string& path);

}  // namespace samsag::config
