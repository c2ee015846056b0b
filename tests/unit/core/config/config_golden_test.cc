// Golden tests of bad configs: every tests/data/config/bad/NAME.yaml is loaded and its problems,
// one "NAME.yaml:LINE: message" per line, must equal NAME.expected beside it. A new class of
// bad input is a new pair of files, no code.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/config/config.h"

namespace samsag::config {
namespace {

const std::filesystem::path kBadDir =
    std::filesystem::path(SAMSAG_SOURCE_DIR) / "tests/data/config/bad";

std::vector<std::string> fixtures() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kBadDir)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class BadConfig : public testing::TestWithParam<std::string> {};

TEST_P(BadConfig, ReportsEveryProblemWithItsLine) {
  // The interpolation fixture relies on this variable being unset.
  unsetenv("SAMSAG_TEST_SURELY_UNSET");
  const auto yaml = kBadDir / (GetParam() + ".yaml");
  const auto expected_file = kBadDir / (GetParam() + ".expected");
  ASSERT_TRUE(std::filesystem::exists(expected_file)) << expected_file << " is missing";

  const auto loaded = load_config(yaml.string());
  std::string actual;
  const std::string dir_prefix = kBadDir.string() + "/";
  for (const auto& problem : loaded.problems) {
    // Paths are absolute (file names, resolved ${file:...}); the golden files hold them relative.
    std::string line = problem.to_string();
    for (auto at = line.find(dir_prefix); at != std::string::npos; at = line.find(dir_prefix)) {
      line.erase(at, dir_prefix.size());
    }
    actual += line + "\n";
  }
  EXPECT_FALSE(loaded.ok());
  EXPECT_EQ(actual, read_file(expected_file)) << "actual problems of " << yaml << ":\n" << actual;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BadConfig, testing::ValuesIn(fixtures()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace samsag::config
