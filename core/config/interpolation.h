// References inside config scalars, resolved at load time so that secrets and per-machine values
// stay out of the YAML: ${env:NAME}, ${env:NAME:-default} and ${file:PATH}.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace samsag::config {

// The largest file ${file:PATH} reads: it holds one secret or value, and a mistaken path (a log,
// an image) must not fill memory.
inline constexpr std::size_t kMaxReferencedFileSize = 64 * 1024;

// Replaces every reference in `text`:
//   ${env:NAME}            the environment variable NAME; an error when it is not set
//   ${env:NAME:-default}   NAME, or `default` when NAME is unset or empty (as in the shell)
//   ${file:PATH}           the file's contents without trailing newlines; a relative PATH is
//                          resolved against `base_dir` (the config file's directory); a
//                          regular file of at most kMaxReferencedFileSize bytes
//   $${                    a literal "${"
// References do not nest. Error codes: UNSET_VARIABLE, UNREADABLE_FILE, NOT_A_REGULAR_FILE,
// FILE_TOO_LARGE, BAD_REFERENCE. Messages name the variable or file, never the value, because
// values may be secrets.
Result<std::string> interpolate(std::string_view text, const std::filesystem::path& base_dir);

}  // namespace samsag::config
