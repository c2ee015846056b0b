#include "core/base/result.h"

#include <gtest/gtest.h>

#include <memory>

namespace samsag {
namespace {

Result<int> parse_positive(int x) {
  if (x <= 0) return make_error("NOT_POSITIVE", "the number must be positive");
  return x;
}

TEST(Result, CarriesValueOnSuccess) {
  auto r = parse_positive(3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3);
}

TEST(Result, CarriesCodeAndSentenceOnFailure) {
  auto r = parse_positive(-1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "NOT_POSITIVE");
  EXPECT_EQ(r.error().message, "the number must be positive");
}

TEST(Result, MovesOutMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  Status bad = make_error("X", "y");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "X");
}

}  // namespace
}  // namespace samsag
