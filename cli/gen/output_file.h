// One output file written under a hidden temporary name (".NAME.tmp") and renamed to NAME only
// when complete, so a spool-directory reader never sees half a file (employment FORMAT.md
// "Pick-up rule"). Errors are collected and reported once, by commit().
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace samsag::gen {

class OutputFile {
 public:
  OutputFile(const std::filesystem::path& directory, std::string name);
  ~OutputFile();  // an uncommitted file is removed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes);
  // Flushes, closes and renames to the final name. Error: GEN_WRITE_FAILED.
  Status commit();

  const std::string& name() const { return name_; }
  std::uint64_t size() const { return size_; }

 private:
  std::filesystem::path temporary_;
  std::filesystem::path final_;
  std::string name_;
  std::FILE* file_ = nullptr;
  std::uint64_t size_ = 0;
  bool failed_ = false;
  bool committed_ = false;
};

}  // namespace samsag::gen
