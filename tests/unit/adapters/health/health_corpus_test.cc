// The health mapping against its file corpus (tests/data/fhir/{golden,bad}/health).
#include <gtest/gtest.h>

#include "adapters/health/health_parser.h"
#include "tests/unit/adapters/support/fhir_corpus.h"

namespace samsag::adapters::health {
namespace {

TEST(HealthCorpusTest, GoldenBundlesGiveTheExpectedRecords) {
  testing::expect_fhir_goldens("tests/data/fhir/golden/health", parse_health_request);
}

TEST(HealthCorpusTest, BadBodiesGiveTheirExpectedReasons) {
  testing::expect_fhir_bad_reasons("tests/data/fhir/bad/health", parse_health_request);
}

}  // namespace
}  // namespace samsag::adapters::health
