// A tiny run (2 citizens, seed 1) compared with the snapshot in tests/data/gen/tiny/. The snapshot
// holds every file with its CPR-shaped numbers masked, plus SHA256SUMS of the unmasked files, so
// it catches any change in bytes without containing a CPR number.
//
// After an intended change of the generator, regenerate the snapshot with
//   SAMSAG_UPDATE_GOLDEN=1 build/<dir>/tests/unit/cli/cli_gen_test --gtest_filter='GenGolden.*'
// (run from the repository root) and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/gen/generator.h"
#include "core/privacy/cpr_shape.h"
#include "tests/unit/cli/gen_test_support.h"

namespace samsag::gen {
namespace {

namespace fs = std::filesystem;
using testing::read_tree;
using testing::ScratchDirectory;
using testing::sha256_hex;

// The tests run with the repository root as working directory (tests/CMakeLists.txt).
const fs::path kGolden = "tests/data/gen/tiny";

std::map<std::string, std::string> snapshot_of(const fs::path& out) {
  std::map<std::string, std::string> snapshot;
  std::string sums;
  for (const auto& [path, content] : read_tree(out)) {
    snapshot[path] = privacy::mask_cpr_shaped(content);
    sums.append(sha256_hex(content)).append("  ").append(path).push_back('\n');
  }
  snapshot["SHA256SUMS"] = sums;
  return snapshot;
}

TEST(GenGolden, TinyRunMatchesTheSnapshot) {
  ScratchDirectory dir;
  ASSERT_TRUE(generate(testing::options_for(dir.path() / "out", 2, 1)).ok());
  const auto actual = snapshot_of(dir.path() / "out");

  if (std::getenv("SAMSAG_UPDATE_GOLDEN") != nullptr) {
    fs::remove_all(kGolden);
    for (const auto& [path, content] : actual) {
      fs::create_directories((kGolden / path).parent_path());
      std::ofstream(kGolden / path, std::ios::binary) << content;
    }
    GTEST_SKIP() << "snapshot rewritten in " << kGolden;
  }

  ASSERT_TRUE(fs::exists(kGolden)) << "run from the repository root";
  const auto expected = read_tree(kGolden);
  ASSERT_EQ(actual.size(), expected.size());
  for (const auto& [path, content] : expected) {
    ASSERT_TRUE(actual.count(path)) << path << " is no longer written";
    EXPECT_EQ(actual.at(path), content) << path << " differs from the snapshot";
  }
}

TEST(GenGolden, SnapshotContainsNoCprNumber) {
  ASSERT_TRUE(fs::exists(kGolden)) << "run from the repository root";
  for (const auto& [path, content] : read_tree(kGolden)) {
    EXPECT_FALSE(privacy::contains_cpr_shaped(content)) << path;
  }
}

}  // namespace
}  // namespace samsag::gen
