#include "core/digest/base32.h"

#include <gtest/gtest.h>

#include "core/privacy/cpr_shape.h"

namespace samsag::digest {
namespace {

TEST(Base32, MatchesRfc4648TestVectorsInLowerCaseWithoutPadding) {
  auto encode = [](std::string_view text) {
    return base32_lower(reinterpret_cast<const unsigned char*>(text.data()), text.size());
  };
  EXPECT_EQ(encode(""), "");
  EXPECT_EQ(encode("f"), "my");
  EXPECT_EQ(encode("fo"), "mzxq");
  EXPECT_EQ(encode("foo"), "mzxw6");
  EXPECT_EQ(encode("foobar"), "mzxw6ytboi");
}

TEST(Base32, Sha256OfAbcMatchesTheStandardDigest) {
  EXPECT_EQ(sha256_base32("abc"), "xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq");
  EXPECT_EQ(sha256_base32("abc", 16).size(), 26U);
}

TEST(Base32, NeverContainsACprShapedNumber) {
  for (int i = 0; i < 20000; ++i) {
    const auto id = sha256_base32(std::to_string(i));
    ASSERT_FALSE(samsag::privacy::contains_cpr_shaped(id)) << id;
  }
}

}  // namespace
}  // namespace samsag::digest
