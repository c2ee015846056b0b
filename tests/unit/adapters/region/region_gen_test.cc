// `samsag gen` writes the region format's reference bundles, with some patients of the
// neighbouring municipality; the region parser must read all of them with exactly the manifest's
// counts, skipping the neighbours.
#include <gtest/gtest.h>

#include "adapters/region/region_parser.h"
#include "tests/unit/adapters/support/gen_expectations.h"
#include "tests/unit/adapters/support/gen_run.h"

namespace samsag::adapters::region {
namespace {

TEST(RegionGenTest, GeneratedBundlesParseWithTheManifestsCountsAndNoRejection) {
  testing::expect_gen_output_parses(
      "region", samsag::v1::SECTOR_REGION, [](const std::string& body) {
        fhir::FhirParse parsed = parse_region_request({body, "gen", 751, ""});
        return testing::GenFileParse{std::move(parsed.parsed), parsed.skipped_other_municipality};
      });
}

}  // namespace
}  // namespace samsag::adapters::region
