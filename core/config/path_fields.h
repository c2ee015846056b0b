// Relative filesystem paths in a config mean "beside the config file", whatever directory the
// process was started from.
#pragma once

#include <filesystem>
#include <string>

namespace google::protobuf {
class Message;
}

namespace samsag::config {

// A path field is a string field named `directory` or ending in `_file` or `_dir` (key_file,
// jwks_file, the tls files, state_dir, spool.directory); the rule is by name so that a path
// field added to the schema is resolved without a change here.
bool is_path_field_name(const std::string& name);

// Rewrites every non-empty relative path field of `message`, at any depth, as `base_dir / path`.
void resolve_path_fields(google::protobuf::Message& message, const std::filesystem::path& base_dir);

}  // namespace samsag::config
