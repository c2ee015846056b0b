// `samsag gen` writes the social format's reference request bodies; the social parser must read
// all of them with exactly the manifest's counts.
#include <gtest/gtest.h>

#include "adapters/social/social_parser.h"
#include "tests/unit/adapters/support/gen_expectations.h"

namespace samsag::adapters::social {
namespace {

TEST(SocialGenTest, GeneratedRequestBodiesParseWithTheManifestsCountsAndNoRejection) {
  testing::expect_gen_output_parses("social", samsag::v1::SECTOR_SOCIAL,
                                    [](const std::string& body) {
                                      SocialParse parsed = parse_social_request({body, "gen", 751});
                                      EXPECT_FALSE(parsed.body_rejected);
                                      return testing::GenFileParse{std::move(parsed.parsed), 0};
                                    });
}

}  // namespace
}  // namespace samsag::adapters::social
