// Loading the municipality's configuration: YAML (yaml-cpp) mapped onto the Protobuf config schema
// (schemas/samsag/config/v1/config.proto), validated once here. After loading, code receives
// a typed samsag::config::v1::Config and never re-parses strings.
//
// How the YAML maps (for operators; `samsag config check -c FILE` applies exactly these rules):
// - Keys are the schema's field names (snake_case). An unknown or duplicate key is an error.
// - Scalars: integers are decimal; booleans are true/false (not yes/no); enum values are written
//   by their full name (SECTOR_SOCIAL, ADAPTER_KIND_HEALTH) or, for convenience, by the part after
//   the enum's prefix (SOCIAL, HEALTH). Lists fill repeated fields; mappings fill sections and
//   map fields (kafka.properties, target_groups). Of alternatives (an adapter's spool or http)
//   only one may be written. A key with no value (`tls:`) leaves the setting unset.
// - Every scalar may contain ${env:NAME}, ${env:NAME:-default} (used when NAME is unset or empty)
//   and ${file:PATH} (the file's contents, trailing newlines trimmed); `$${` is a literal `${`.
//   Secrets come in this way, never written in the YAML. An unset variable without default or an
//   unreadable file is an error at its line. Inside flow style ({...}, [...]) quote such a value.
// - Relative paths in path fields (key_file, jwks_file, the tls files, state_dir,
//   spool.directory: every field named directory or ending in _file or _dir) and in ${file:...}
//   are relative to the config file's directory, not to where the process was started. The
//   files the path fields name are not read here: each process reads its secrets at start.
// - After the checks pass, the defaults documented in config.proto are filled in (defaults.h), so
//   a loaded config carries effective values.
#pragma once

#include <string>
#include <string_view>
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
// not just the first, in file order. On success `config` has relative paths resolved and
// defaults applied; otherwise it holds what could be mapped and must not be used.
LoadResult load_config(const std::string& path);

// The same for YAML already in memory; `file` names it in problems, and relative paths resolve
// against its directory.
LoadResult load_config_text(std::string_view yaml, const std::string& file);

// One line for people: municipality, code, partitions and adapters, e.g. for `config check`.
std::string describe(const v1::Config& config);

}  // namespace samsag::config
