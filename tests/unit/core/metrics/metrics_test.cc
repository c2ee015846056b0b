#include "core/metrics/metrics.h"

#include <gtest/gtest.h>
#include <prometheus/counter.h>

#include <string>

namespace samsag::metrics {
namespace {

prometheus::Family<prometheus::Counter>& test_records() {
  static auto& family = prometheus::BuildCounter()
                            .Name("samsag_test_records_total")
                            .Help("Records counted by the metrics test.")
                            .Register(registry());
  return family;
}

TEST(MetricsTest, SerializesCountersInTextFormat) {
  auto& employment = test_records().Add({{"sector", "employment"}});
  employment.Increment(3);
  const std::string text = serialize();
  EXPECT_NE(text.find("# TYPE samsag_test_records_total counter"), std::string::npos) << text;
  // 3 in a fresh process; more when gtest repeats the test in one.
  const std::string sample = R"(samsag_test_records_total{sector="employment"} )" +
                             std::to_string(static_cast<long long>(employment.Value())) + "\n";
  EXPECT_NE(text.find(sample), std::string::npos) << text;
}

TEST(MetricsTest, MergesAFamilyDeclaredTwice) {
  auto& again = prometheus::BuildCounter()
                    .Name("samsag_test_records_total")
                    .Help("Records counted by the metrics test.")
                    .Register(registry());
  EXPECT_EQ(&again, &test_records());
}

TEST(MetricsTest, ExposesBuildInfoAndStartTime) {
  const std::string text = serialize();
  EXPECT_NE(text.find(R"(samsag_build_info{version=")"), std::string::npos) << text;
  const auto start = text.find("\nprocess_start_time_seconds ");
  ASSERT_NE(start, std::string::npos) << text;
  const double seconds = std::stod(text.substr(start + 28));
  EXPECT_GT(seconds, 1.7e9);  // after 2023: a real epoch time, not 0
}

}  // namespace
}  // namespace samsag::metrics
