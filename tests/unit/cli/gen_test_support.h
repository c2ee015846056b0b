// Helpers for the `samsag gen` tests: a scratch directory, running the generator into it, and
// reading the files it wrote.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/gen/generator.h"

namespace samsag::gen::testing {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class ScratchDirectory {
 public:
  ScratchDirectory();
  ~ScratchDirectory();
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Options for a run into `out` (a subdirectory that does not exist yet).
GenOptions options_for(const std::filesystem::path& out, std::uint64_t citizens,
                       std::uint64_t seed);

std::string read_file(const std::filesystem::path& path);

// Every regular file under `root`, keyed by its path relative to `root` ('/'-separated), sorted.
std::map<std::string, std::string> read_tree(const std::filesystem::path& root);

// Lowercase hex SHA-256.
std::string sha256_hex(const std::string& bytes);

// One SHA-256 over the sorted relative paths and contents of every file under `root`.
std::string tree_hash(const std::filesystem::path& root);

// The lines of `text`, without their line ends ("\n" or "\r\n"); no empty last line.
std::vector<std::string> lines_of(const std::string& text);

// Every CPR-shaped number in `text` (as written, dash kept), in order of appearance.
std::vector<std::string> cpr_shaped_numbers(const std::string& text);

}  // namespace samsag::gen::testing
