#include "core/http/request.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace samsag::http {
namespace {

TEST(RequestTest, LooksUpHeadersCaseInsensitively) {
  Request request;
  request.headers = {{"Content-Type", "application/json"}, {"X-Trace", "a"}, {"x-trace", "b"}};
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header("X-TRACE"), "a");
  EXPECT_FALSE(request.header("Authorization").has_value());
}

TEST(RequestTest, DecodesQueryParameters) {
  const NameValues query = parse_query("sector=social&name=J%C3%B8rgen+Hansen&&flag&empty=");
  ASSERT_EQ(query.size(), 4U);
  EXPECT_EQ(query[0], (std::pair<std::string, std::string>{"sector", "social"}));
  EXPECT_EQ(query[1].second, "Jørgen Hansen");
  EXPECT_EQ(query[2], (std::pair<std::string, std::string>{"flag", ""}));
  EXPECT_EQ(query[3], (std::pair<std::string, std::string>{"empty", ""}));
}

TEST(RequestTest, KeepsMalformedEscapes) {
  EXPECT_EQ(percent_decode("100%", false), "100%");
  EXPECT_EQ(percent_decode("%zz%4", false), "%zz%4");
  EXPECT_EQ(percent_decode("a+b%2Bc", false), "a+b+c");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
}

TEST(RequestTest, GeneratesDistinctLetterOnlyRequestIds) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = new_request_id();
    EXPECT_TRUE(std::regex_match(id, std::regex("[a-z]{26}"))) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000U);
}

}  // namespace
}  // namespace samsag::http
