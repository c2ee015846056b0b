// `samsag gen` is deterministic: same arguments, same bytes; and it treats its output directory
// with care.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli/gen/generator.h"
#include "tests/unit/cli/gen_test_support.h"

namespace samsag::gen {
namespace {

using testing::options_for;
using testing::read_file;
using testing::read_tree;
using testing::ScratchDirectory;
using testing::tree_hash;

TEST(GenDeterminism, SameSeedGivesIdenticalBytes) {
  ScratchDirectory dir;
  ASSERT_TRUE(generate(options_for(dir.path() / "a", 40, 11)).ok());
  ASSERT_TRUE(generate(options_for(dir.path() / "b", 40, 11)).ok());
  EXPECT_EQ(tree_hash(dir.path() / "a"), tree_hash(dir.path() / "b"));
  EXPECT_EQ(read_tree(dir.path() / "a"), read_tree(dir.path() / "b"));
}

TEST(GenDeterminism, DifferentSeedGivesDifferentBytes) {
  ScratchDirectory dir;
  ASSERT_TRUE(generate(options_for(dir.path() / "a", 40, 11)).ok());
  ASSERT_TRUE(generate(options_for(dir.path() / "b", 40, 12)).ok());
  EXPECT_NE(tree_hash(dir.path() / "a"), tree_hash(dir.path() / "b"));
  EXPECT_NE(read_file(dir.path() / "a" / "citizens.csv"),
            read_file(dir.path() / "b" / "citizens.csv"));
}

TEST(GenDeterminism, OtherReferenceDateOrMunicipalityGivesDifferentBytes) {
  ScratchDirectory dir;
  GenOptions base = options_for(dir.path() / "a", 10, 3);
  GenOptions later = options_for(dir.path() / "b", 10, 3);
  later.reference_date = Date::from_ymd(2027, 5, 3);
  GenOptions elsewhere = options_for(dir.path() / "c", 10, 3);
  elsewhere.municipality_code = 101;
  ASSERT_TRUE(generate(base).ok());
  ASSERT_TRUE(generate(later).ok());
  ASSERT_TRUE(generate(elsewhere).ok());
  EXPECT_NE(tree_hash(dir.path() / "a"), tree_hash(dir.path() / "b"));
  EXPECT_NE(tree_hash(dir.path() / "a"), tree_hash(dir.path() / "c"));
}

TEST(GenDeterminism, ASmallRunIsTheStartOfALargerOne) {
  ScratchDirectory dir;
  ASSERT_TRUE(generate(options_for(dir.path() / "small", 8, 5)).ok());
  ASSERT_TRUE(generate(options_for(dir.path() / "large", 30, 5)).ok());
  const std::string small = read_file(dir.path() / "small" / "citizens.csv");
  const std::string large = read_file(dir.path() / "large" / "citizens.csv");
  EXPECT_EQ(large.substr(0, small.size()), small);
}

TEST(GenDeterminism, LeavesNoTemporaryFilesBehind) {
  ScratchDirectory dir;
  ASSERT_TRUE(generate(options_for(dir.path() / "out", 25, 2)).ok());
  for (const auto& [path, content] : read_tree(dir.path() / "out")) {
    const std::string name = std::filesystem::path(path).filename().string();
    EXPECT_NE(name.front(), '.') << path;
    EXPECT_EQ(name.find(".tmp"), std::string::npos) << path;
  }
}

TEST(GenOutput, RefusesANonEmptyDirectoryWithoutForce) {
  ScratchDirectory dir;
  std::ofstream(dir.path() / "something-else.txt") << "keep me";
  const auto result = generate(options_for(dir.path(), 2, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "GEN_OUTPUT_NOT_EMPTY");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "manifest.json"));
}

TEST(GenOutput, ForceReplacesAnEarlierRunAndKeepsOtherFiles) {
  ScratchDirectory dir;
  ASSERT_TRUE(generate(options_for(dir.path() / "out", 12, 1)).ok());
  std::ofstream(dir.path() / "out" / "notes.txt") << "keep me";
  GenOptions again = options_for(dir.path() / "out", 3, 2);
  again.force = true;
  ASSERT_TRUE(generate(again).ok());
  ScratchDirectory fresh;
  ASSERT_TRUE(generate(options_for(fresh.path() / "out", 3, 2)).ok());
  auto replaced = read_tree(dir.path() / "out");
  EXPECT_EQ(replaced.erase("notes.txt"), 1u);
  EXPECT_EQ(replaced, read_tree(fresh.path() / "out"));
}

TEST(GenOutput, RejectsInvalidOptions) {
  ScratchDirectory dir;
  GenOptions none = options_for(dir.path() / "a", 0, 1);
  EXPECT_EQ(generate(none).error().code, "GEN_INVALID_OPTION");
  GenOptions bad_municipality = options_for(dir.path() / "b", 1, 1);
  bad_municipality.municipality_code = 99;
  EXPECT_EQ(generate(bad_municipality).error().code, "GEN_INVALID_OPTION");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "a"));
}

TEST(GenOutput, ReportsTheCountsItWrote) {
  ScratchDirectory dir;
  const auto summary = generate(options_for(dir.path() / "out", 20, 9));
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->citizens, 20u);
  EXPECT_GT(summary->employment, 20u * 5);
  EXPECT_GT(summary->social, 20u);
  EXPECT_GT(summary->health + summary->region, 0u);
  EXPECT_GT(summary->consent, 0u);
}

}  // namespace
}  // namespace samsag::gen
