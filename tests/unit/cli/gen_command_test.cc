// `samsag gen` on the command line: options reach the generator, mistakes exit 2, and the
// terminal never sees a CPR number.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/privacy/cpr_shape.h"
#include "tests/unit/cli/gen_test_support.h"

namespace samsag::cli {
namespace {

using gen::testing::read_file;
using gen::testing::ScratchDirectory;

struct GenRun {
  int exit_code = -1;
  std::string stdout_text;
};

GenRun run_gen(std::vector<std::string> args) {
  CLI::App app;
  CommandRunner selected;
  add_gen_command(app, selected);
  args.insert(args.begin(), "samsag");
  std::vector<const char*> argv;
  argv.reserve(args.size());
  for (const std::string& a : args) argv.push_back(a.c_str());
  app.parse(static_cast<int>(argv.size()), argv.data());
  GenRun result;
  ::testing::internal::CaptureStdout();
  result.exit_code = selected ? selected() : -1;
  result.stdout_text = ::testing::internal::GetCapturedStdout();
  return result;
}

TEST(GenCommand, PassesEveryOptionToTheGenerator) {
  ScratchDirectory dir;
  const GenRun r = run_gen({"gen", "--citizens", "3", "--seed", "5", "--out", dir.path().string(),
                            "--reference-date", "2026-06-01", "--municipality-code", "101",
                            "--employment-rows", "50"});
  ASSERT_EQ(r.exit_code, 0);
  const auto manifest = boost::json::parse(read_file(dir.path() / "manifest.json")).as_object();
  EXPECT_EQ(manifest.at("citizens").as_int64(), 3);
  EXPECT_EQ(manifest.at("seed").as_string(), "5");
  EXPECT_EQ(manifest.at("reference_date").as_string(), "2026-06-01");
  EXPECT_EQ(manifest.at("municipality_code").as_int64(), 101);
  EXPECT_EQ(manifest.at("sectors").at("employment").at("records").as_int64(), 50);
  EXPECT_NE(r.stdout_text.find("employment 50"), std::string::npos) << r.stdout_text;
}

TEST(GenCommand, PrintsCountsButNoCprNumber) {
  ScratchDirectory dir;
  const GenRun r = run_gen({"gen", "--citizens", "5", "--out", dir.path().string()});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_FALSE(r.stdout_text.empty());
  EXPECT_FALSE(privacy::contains_cpr_shaped(r.stdout_text));
}

TEST(GenCommand, DefaultsToTheFixedReferenceDateAndAarhus) {
  ScratchDirectory dir;
  ASSERT_EQ(run_gen({"gen", "--citizens", "1", "--out", dir.path().string()}).exit_code, 0);
  const auto manifest = boost::json::parse(read_file(dir.path() / "manifest.json")).as_object();
  EXPECT_EQ(manifest.at("reference_date").as_string(), "2026-11-02");
  EXPECT_EQ(manifest.at("municipality_code").as_int64(), 751);
  EXPECT_FALSE(manifest.contains("employment_rows"));
}

TEST(GenCommand, ABadReferenceDateExitsWithTwo) {
  ScratchDirectory dir;
  EXPECT_EQ(
      run_gen({"gen", "--out", dir.path().string(), "--reference-date", "02-11-2026"}).exit_code,
      2);
  EXPECT_EQ(
      run_gen({"gen", "--out", dir.path().string(), "--reference-date", "2026-02-30"}).exit_code,
      2);
}

TEST(GenCommand, ANonEmptyOutputDirectoryExitsWithTwoUnlessForced) {
  ScratchDirectory dir;
  ASSERT_EQ(run_gen({"gen", "--citizens", "1", "--out", dir.path().string()}).exit_code, 0);
  EXPECT_EQ(run_gen({"gen", "--citizens", "1", "--out", dir.path().string()}).exit_code, 2);
  EXPECT_EQ(run_gen({"gen", "--citizens", "1", "--out", dir.path().string(), "--force"}).exit_code,
            0);
}

TEST(GenCommand, OutIsRequiredAndCitizensMustBePositive) {
  EXPECT_THROW(run_gen({"gen", "--citizens", "3"}), CLI::ParseError);
  ScratchDirectory dir;
  EXPECT_THROW(run_gen({"gen", "--citizens", "0", "--out", dir.path().string()}), CLI::ParseError);
  EXPECT_THROW(run_gen({"gen", "--municipality-code", "42", "--out", dir.path().string()}),
               CLI::ParseError);
}

}  // namespace
}  // namespace samsag::cli
