// The CPR scan's rule (tests/support/cpr_scan.h) on hand-made bytes: what it must find, what it
// must not, and its false-alarm estimate. No processes: it runs in milliseconds.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/privacy/synthetic_cpr.h"
#include "tests/support/cpr_scan.h"

namespace samsag::testing {
namespace {

class CprScanRuleTest : public ::testing::Test {
 protected:
  CprScanRuleTest() {
    privacy::SyntheticCprIssuer issuer(7);
    first_ = issuer.issue({1984, 5, 17}, privacy::SyntheticSex::kFemale, 0);
    second_ = issuer.issue({1991, 11, 2}, privacy::SyntheticSex::kMale, 0);
  }
  std::string dashed(const std::string& cpr) const {
    return cpr.substr(0, 6) + "-" + cpr.substr(6);
  }
  std::string first_;
  std::string second_;
};

TEST_F(CprScanRuleTest, FindsTheNumberWithAndWithoutItsDashAndInsideLongerDigitRuns) {
  CprScan scan({first_, dashed(second_)});
  scan.scan("plain", "cpr=" + first_ + ";");
  scan.scan("dashed", "\"" + dashed(second_) + "\"");
  scan.scan("glued", "17" + first_ + "99");
  scan.scan("binary", std::string("\x00\x0a", 2) + second_ + std::string("\xff", 1));
  ASSERT_EQ(scan.findings().size(), 4U) << scan.describe_findings();
  EXPECT_EQ(scan.findings()[0].where, "plain");
  EXPECT_FALSE(scan.findings()[0].inside_longer_digits);
  EXPECT_EQ(scan.findings()[0].offset, 4U);
  EXPECT_TRUE(scan.findings()[1].dashed);
  EXPECT_EQ(scan.findings()[1].citizen, 1U);
  EXPECT_TRUE(scan.findings()[2].inside_longer_digits);
  EXPECT_EQ(scan.findings()[2].offset, 2U);
  EXPECT_EQ(scan.findings()[3].where, "binary");
  // The report names the place and the citizen's index, never the number.
  EXPECT_EQ(scan.describe_findings().find(first_), std::string::npos);
}

TEST_F(CprScanRuleTest, IgnoresOtherNumbersMaskedNumbersAndPartialMatches) {
  CprScan scan({first_});
  scan.scan("masked", "cpr " + first_.substr(0, 6) + "XXXX and XXXXXX-" + first_.substr(6));
  scan.scan("cut", first_.substr(0, 9) + " " + first_.substr(9));
  scan.scan("other dash", first_.substr(0, 5) + "-" + first_.substr(5));
  scan.scan("nothing", "");
  EXPECT_TRUE(scan.findings().empty()) << scan.describe_findings();
  EXPECT_EQ(scan.sources_scanned(), 4U);
}

TEST_F(CprScanRuleTest, CountsTenDigitWindowsForTheFalseAlarmEstimate) {
  CprScan scan({first_, second_});
  scan.scan("timestamp", "1795465416123");  // 13 digits: 4 windows
  EXPECT_EQ(scan.digit_windows(), 4U);
  EXPECT_DOUBLE_EQ(scan.expected_false_alarms(), 4.0 * 2.0 / 1e10);
  EXPECT_NE(scan.summary().find("4 ten-digit windows"), std::string::npos);
}

TEST_F(CprScanRuleTest, RefusesWhatIsNotACprNumber) {
  EXPECT_THROW(CprScan({"12345"}), std::invalid_argument);
  EXPECT_THROW(CprScan({"12345678901"}), std::invalid_argument);
  EXPECT_THROW(CprScan({"1234-567890"}), std::invalid_argument);
}

}  // namespace
}  // namespace samsag::testing
