// The spool directory's checkpoint: how far the current file has been delivered to Kafka. It is
// a small text file, `.samsag-checkpoint`, replaced atomically (write a temporary file, fsync,
// rename), so it is always either the old or the new position, never half of one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/base/result.h"

namespace samsag::adapters::employment {

struct SpoolCheckpoint {
  std::string file;          // the spool file's name (not a path)
  std::uint64_t offset = 0;  // byte offset right after the last delivered row
  std::uint64_t line = 1;    // the line the next row starts on

  friend bool operator==(const SpoolCheckpoint&, const SpoolCheckpoint&) = default;
};

inline constexpr const char* kCheckpointFileName = ".samsag-checkpoint";

// nullopt when the directory has no checkpoint. Errors: CHECKPOINT_CORRUPT (the file is there
// but is not a checkpoint this code wrote), CHECKPOINT_UNREADABLE.
Result<std::optional<SpoolCheckpoint>> read_checkpoint(const std::filesystem::path& directory);

// Errors: CHECKPOINT_WRITE_FAILED.
Status remove_checkpoint(const std::filesystem::path& directory);

// Errors: CHECKPOINT_WRITE_FAILED.
Status write_checkpoint(const std::filesystem::path& directory, const SpoolCheckpoint& checkpoint);

}  // namespace samsag::adapters::employment
