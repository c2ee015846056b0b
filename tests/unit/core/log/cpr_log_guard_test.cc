// Proves the CPR log guard of tests/support trips, on a guard and logger of the test's own so that
// the suite's real guard never sees the offending line.
#include "tests/support/cpr_log_guard.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <spdlog/logger.h>

#include <memory>

#include "core/log/log_payload.h"

namespace samsag::testing {
namespace {

const ::testing::TestInfo& current_test() {
  return *::testing::UnitTest::GetInstance()->current_test_info();
}

TEST(CprLogGuardTest, FailsTheTestWhenALineCarriesACprShapedNumber) {
  CprLogGuard guard;
  spdlog::logger logger("adapter.health", guard.sink());
  guard.OnTestStart(current_test());
  // Synthetic, CPR-shaped: 31 December 1999.
  const std::string payload = log::encode_payload("parsed", {{"patient", "311299-4321"}});
  logger.info(spdlog::string_view_t(payload.data(), payload.size()));

  ASSERT_EQ(guard.offending_lines().size(), 1U);
  EXPECT_EQ(guard.offending_lines()[0].find("311299-4321"), std::string::npos);
  EXPECT_NONFATAL_FAILURE(guard.OnTestEnd(current_test()), R"("patient":"XXXXXX-XXXX")");
  EXPECT_TRUE(guard.offending_lines().empty());
}

TEST(CprLogGuardTest, SeesThroughTheFormattersMasking) {
  CprLogGuard guard;
  spdlog::logger logger("adapter.health", guard.sink());
  logger.warn("bad record 0101901234");
  EXPECT_EQ(guard.offending_lines().size(), 1U);
  guard.OnTestStart(current_test());  // what the next test sees is its own
  EXPECT_TRUE(guard.offending_lines().empty());
}

TEST(CprLogGuardTest, LetsCleanLinesPass) {
  CprLogGuard guard;
  spdlog::logger logger("adapter.health", guard.sink());
  guard.OnTestStart(current_test());
  logger.info("offset 12345678901, date 2026-11-23, pseudonym v1:9f86d081884c7d65");
  EXPECT_TRUE(guard.offending_lines().empty());
  guard.OnTestEnd(current_test());  // adds no failure, or this test would be red
}

}  // namespace
}  // namespace samsag::testing
