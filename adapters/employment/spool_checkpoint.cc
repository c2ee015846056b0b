#include "adapters/employment/spool_checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>
#include <string_view>

namespace samsag::adapters::employment {
namespace {

constexpr std::string_view kFirstLine = "samsag spool checkpoint v1";

std::optional<std::uint64_t> number_after(std::string_view line, std::string_view key) {
  if (line.substr(0, key.size()) != key) return std::nullopt;
  line.remove_prefix(key.size());
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), value);
  if (error != std::errc() || end != line.data() + line.size() || line.empty()) return std::nullopt;
  return value;
}

Error corrupt() {
  return make_error("CHECKPOINT_CORRUPT", "the spool checkpoint is not one samsag wrote");
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

Result<std::optional<SpoolCheckpoint>> read_checkpoint(const std::filesystem::path& directory) {
  const std::filesystem::path path = directory / kCheckpointFileName;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    if (error) return make_error("CHECKPOINT_UNREADABLE", "the spool checkpoint cannot be read");
    return std::optional<SpoolCheckpoint>();
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) return make_error("CHECKPOINT_UNREADABLE", "the spool checkpoint cannot be read");
  // Exactly four lines; anything else (a truncated or hand-edited file) is corrupt.
  std::string first, file, offset, line, rest;
  if (!std::getline(text, first) || !std::getline(text, file) || !std::getline(text, offset) ||
      !std::getline(text, line) || std::getline(text, rest) || first != kFirstLine ||
      file.substr(0, 5) != "file=") {
    return corrupt();
  }
  SpoolCheckpoint checkpoint;
  checkpoint.file = file.substr(5);
  const auto offset_value = number_after(offset, "offset=");
  const auto line_value = number_after(line, "line=");
  if (checkpoint.file.empty() || checkpoint.file.find('/') != std::string::npos || !offset_value ||
      !line_value || *line_value == 0) {
    return corrupt();
  }
  checkpoint.offset = *offset_value;
  checkpoint.line = *line_value;
  return std::optional<SpoolCheckpoint>(std::move(checkpoint));
}

Status remove_checkpoint(const std::filesystem::path& directory) {
  if (::unlink((directory / kCheckpointFileName).c_str()) != 0 && errno != ENOENT) {
    return make_error("CHECKPOINT_WRITE_FAILED", "cannot remove the spool checkpoint");
  }
  return ok_status();
}

Status write_checkpoint(const std::filesystem::path& directory, const SpoolCheckpoint& checkpoint) {
  std::string text(kFirstLine);
  text.append("\nfile=").append(checkpoint.file);
  text.append("\noffset=").append(std::to_string(checkpoint.offset));
  text.append("\nline=").append(std::to_string(checkpoint.line)).append("\n");
  const std::filesystem::path temporary = directory / (std::string(kCheckpointFileName) + ".tmp");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) {
    return make_error("CHECKPOINT_WRITE_FAILED", "cannot create the spool checkpoint");
  }
  // fsync before rename: a crash must leave the old checkpoint or the complete new one. The
  // directory itself is not synced: if the rename is lost, an older position comes back, which
  // only repeats rows (the same event ids), never loses one.
  const bool written = write_all(fd, text) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed ||
      ::rename(temporary.c_str(), (directory / kCheckpointFileName).c_str()) != 0) {
    ::unlink(temporary.c_str());
    return make_error("CHECKPOINT_WRITE_FAILED", "cannot write the spool checkpoint");
  }
  return ok_status();
}

}  // namespace samsag::adapters::employment
