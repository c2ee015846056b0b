#include "tests/unit/cli/gen_test_support.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <array>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/privacy/cpr_shape.h"

namespace samsag::gen::testing {

ScratchDirectory::ScratchDirectory() {
  static int counter = 0;
  path_ = std::filesystem::temp_directory_path() /
          ("samsag-gen-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

ScratchDirectory::~ScratchDirectory() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

GenOptions options_for(const std::filesystem::path& out, std::uint64_t citizens,
                       std::uint64_t seed) {
  GenOptions options;
  options.out = out;
  options.citizens = citizens;
  options.seed = seed;
  return options;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::map<std::string, std::string> read_tree(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    files.emplace(std::filesystem::relative(entry.path(), root).generic_string(),
                  read_file(entry.path()));
  }
  return files;
}

std::string sha256_hex(const std::string& bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0f]);
  }
  return out;
}

std::string tree_hash(const std::filesystem::path& root) {
  std::string all;
  for (const auto& [path, content] : read_tree(root)) {
    all.append(path).push_back('\0');
    all.append(sha256_hex(content)).push_back('\n');
  }
  return sha256_hex(all);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> cpr_shaped_numbers(const std::string& text) {
  // The masking function is the definition of "CPR-shaped": where it changed the text, there
  // was a number.
  const std::string masked = privacy::mask_cpr_shaped(text);
  std::vector<std::string> numbers;
  for (std::size_t i = 0; i < text.size();) {
    if (masked[i] == text[i]) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && (masked[end] != text[end] || text[end] == '-')) ++end;
    if (end > i && text[end - 1] == '-') --end;
    numbers.push_back(text.substr(i, end - i));
    i = end;
  }
  return numbers;
}

}  // namespace samsag::gen::testing
