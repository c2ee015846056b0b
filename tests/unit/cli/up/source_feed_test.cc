#include "cli/up/source_feed.h"

#include <gtest/gtest.h>

#include <fstream>

#include "cli/up/case_feed.h"
#include "tests/support/scratch_name.h"

namespace samsag::cli::up {
namespace {

using namespace std::chrono_literals;

TEST(RetryDelay, FollowsRetryAfterWithinBounds) {
  EXPECT_EQ(retry_delay("2"), 2s);
  EXPECT_EQ(retry_delay(""), 1s);
  EXPECT_EQ(retry_delay("soon"), 1s);
  EXPECT_EQ(retry_delay("3600"), 5s);
}

TEST(RejectedEntries, CountsTheRejectedListOfA422) {
  EXPECT_EQ(rejected_entries(R"({"accepted":3,"rejected":[{"index":0},{"index":4}]})"), 2U);
  EXPECT_EQ(rejected_entries(R"({"accepted":3})"), 0U);
  EXPECT_EQ(rejected_entries("not json"), 0U);
}

TEST(ConsentRequestBody, KeepsTheDecisionAndLeavesTheCprAndBookkeepingOut) {
  const auto body = consent_request_body(
      R"({"cpr":"the citizen's CPR","granted":true,"consent_id":"abcde.C1.1","scopes":["SOCIAL","HEALTH"],)"
      R"("purpose":"HOI_COORDINATION","form":"WRITTEN","recorded_by":"gen-tovholder-3",)"
      R"("recorded_by_role":"coordinator","occurred_at":"2026-03-01T10:00:00+01:00",)"
      R"("case_file_ref":"27.24.00-G01-2-26","source_system":"samsag-gen",)"
      R"("valid_until":"2027-06-09T10:00:00+02:00"})");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body,
            R"({"granted":true,"consent_id":"abcde.C1.1","scopes":["SOCIAL","HEALTH"],)"
            R"("form":"WRITTEN","valid_until":"2027-06-09",)"
            R"("case_file_ref":"27.24.00-G01-2-26","occurred_at":"2026-03-01T10:00:00+01:00"})");
  EXPECT_FALSE(consent_request_body("[1,2]").ok());
}

TEST(DropIntoSpool, LeavesOnlyTheCompleteFileUnderItsOwnName) {
  const auto root = std::filesystem::temp_directory_path() / testing::scratch_name("samsag-up-");
  std::filesystem::create_directories(root / "spool");
  std::filesystem::create_directories(root / "gen");
  const auto file = root / "gen" / "abcde-employment-00001.csv";
  std::ofstream(file) << "cpr;haendelse\n";
  ASSERT_TRUE(drop_into_spool({file}, root / "spool").ok());
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(root / "spool")) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"abcde-employment-00001.csv"});
  EXPECT_FALSE(drop_into_spool({root / "gen" / "missing.csv"}, root / "spool").ok());
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace samsag::cli::up
