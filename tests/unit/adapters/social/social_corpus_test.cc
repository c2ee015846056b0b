// The social parser against its file corpus: golden request bodies with the expected records
// beside them (tests/data/social/golden), and bad bodies with the expected reason codes in a
// `.reasons` sidecar (tests/data/social/bad).
#include <gtest/gtest.h>

#include "adapters/social/social_parser.h"
#include "tests/unit/adapters/support/parse_result_json.h"

namespace samsag::adapters::social {
namespace {

namespace fs = std::filesystem;
using samsag::adapters::testing::beside;
using samsag::adapters::testing::corpus_inputs;
using samsag::adapters::testing::read_file;

constexpr std::uint32_t kAarhus = 751;

SocialParse parse_file(const fs::path& file, const std::string& body) {
  return parse_social_request({body, "req-" + file.stem().string(), kAarhus});
}

TEST(SocialCorpusTest, GoldenBodiesGiveTheExpectedRecords) {
  const auto inputs = corpus_inputs("tests/data/social/golden");
  ASSERT_GE(inputs.size(), 3U);
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    const std::string body = read_file(input);
    const SocialParse parsed = parse_file(input, body);
    EXPECT_FALSE(parsed.body_rejected);
    EXPECT_FALSE(parsed.first_error.has_value());
    testing::expect_matches_golden(testing::parse_result_json(parsed.parsed, 0),
                                   beside(input, ".expected.json"));
  }
}

TEST(SocialCorpusTest, BadBodiesGiveTheirExpectedReasons) {
  const auto inputs = corpus_inputs("tests/data/social/bad");
  ASSERT_GE(inputs.size(), 10U);
  for (const fs::path& input : inputs) {
    SCOPED_TRACE(input.string());
    const SocialParse parsed = parse_file(input, read_file(input));
    EXPECT_EQ(testing::reason_lines(parsed.parsed, parsed.body_rejected, 0),
              testing::read_reason_lines(beside(input, ".reasons")));
    // Every bad body has something to answer, and the answer names no CPR number.
    ASSERT_TRUE(parsed.first_error.has_value());
    EXPECT_FALSE(parsed.first_error->message.empty());
    EXPECT_EQ(parsed.first_error->message.find("0201609995"), std::string::npos);
    for (const ParsedRecord& record : parsed.parsed.records) {
      if (const auto* rejection = std::get_if<Rejection>(&record)) {
        EXPECT_EQ(rejection->position.request_id, "req-" + input.stem().string());
        EXPECT_FALSE(rejection->message.empty());
      }
    }
  }
}

}  // namespace
}  // namespace samsag::adapters::social
