#include "cli/gen/output_file.h"

#include <system_error>

namespace samsag::gen {

OutputFile::OutputFile(const std::filesystem::path& directory, std::string name)
    : temporary_(directory / ("." + name + ".tmp")),
      final_(directory / name),
      name_(std::move(name)) {
  file_ = std::fopen(temporary_.c_str(), "wb");
  failed_ = file_ == nullptr;
  if (file_ != nullptr) std::setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

OutputFile::~OutputFile() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void OutputFile::write(std::string_view bytes) {
  if (failed_ || bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) failed_ = true;
  size_ += bytes.size();
}

Status OutputFile::commit() {
  if (file_ != nullptr) {
    if (std::fclose(file_) != 0) failed_ = true;
    file_ = nullptr;
  }
  std::error_code error;
  if (!failed_) std::filesystem::rename(temporary_, final_, error);
  if (failed_ || error) {
    return make_error("GEN_WRITE_FAILED", "could not write " + final_.string());
  }
  committed_ = true;
  return ok_status();
}

}  // namespace samsag::gen
