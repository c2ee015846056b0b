#include "core/auth/base64url.h"

#include <gtest/gtest.h>

namespace samsag::auth {
namespace {

TEST(Base64url, EncodesTheRfc4648VectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foob"), "Zm9vYg");
  EXPECT_EQ(base64url_encode("fooba"), "Zm9vYmE");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64url, DecodesWhatItEncodes) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t size = 0; size <= all.size(); size += 37) {
    const auto bytes = all.substr(0, size);
    EXPECT_EQ(base64url_decode(base64url_encode(bytes)), bytes);
  }
}

TEST(Base64url, RefusesPaddingOtherAlphabetsAndNonCanonicalText) {
  EXPECT_FALSE(base64url_decode("Zg==").has_value());
  EXPECT_FALSE(base64url_decode("+_8").has_value());
  EXPECT_FALSE(base64url_decode("-/8").has_value());
  EXPECT_FALSE(base64url_decode("Zm9v Yg").has_value());
  EXPECT_FALSE(base64url_decode("Zm9vY").has_value()) << "one character left over";
  EXPECT_FALSE(base64url_decode("Zh").has_value()) << "non-zero unused bits";
  EXPECT_FALSE(base64url_decode(std::string_view("Zg\0", 3)).has_value());
  EXPECT_EQ(base64url_decode(""), "");
}

}  // namespace
}  // namespace samsag::auth
