// The region mapping against its file corpus (tests/data/fhir/{golden,bad}/region).
#include <gtest/gtest.h>

#include "adapters/region/region_parser.h"
#include "tests/unit/adapters/support/fhir_corpus.h"

namespace samsag::adapters::region {
namespace {

TEST(RegionCorpusTest, GoldenBundlesGiveTheExpectedRecords) {
  testing::expect_fhir_goldens("tests/data/fhir/golden/region", parse_region_request);
}

TEST(RegionCorpusTest, BadBodiesGiveTheirExpectedReasons) {
  testing::expect_fhir_bad_reasons("tests/data/fhir/bad/region", parse_region_request);
}

}  // namespace
}  // namespace samsag::adapters::region
