// `samsag gen` writes the health format's reference bundles; the health parser must read all of
// them with exactly the manifest's counts.
#include <gtest/gtest.h>

#include "adapters/health/health_parser.h"
#include "tests/unit/adapters/support/gen_expectations.h"

namespace samsag::adapters::health {
namespace {

TEST(HealthGenTest, GeneratedBundlesParseWithTheManifestsCountsAndNoRejection) {
  testing::expect_gen_output_parses(
      "health", samsag::v1::SECTOR_HEALTH, [](const std::string& body) {
        fhir::FhirParse parsed = parse_health_request({body, "gen", 751, ""});
        return testing::GenFileParse{std::move(parsed.parsed), parsed.skipped_other_municipality};
      });
}

}  // namespace
}  // namespace samsag::adapters::health
