#include "core/http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace samsag::http {
namespace {

void ignore(const Request&, Responder) {}

TEST(RouterTest, CapturesNamedParameters) {
  Router router;
  router.add("GET", "/api/v1/cases/{pseudonym}/plan/goals/{id}", ignore);
  const auto match = router.match("GET", "/api/v1/cases/v1%3Aab12/plan/goals/7");
  ASSERT_NE(match.handler, nullptr);
  EXPECT_EQ(match.pattern, "/api/v1/cases/{pseudonym}/plan/goals/{id}");
  ASSERT_EQ(match.params.size(), 2U);
  EXPECT_EQ(match.params[0], (std::pair<std::string, std::string>{"pseudonym", "v1:ab12"}));
  EXPECT_EQ(match.params[1], (std::pair<std::string, std::string>{"id", "7"}));
}

TEST(RouterTest, FindsNothingForUnknownPaths) {
  Router router;
  router.add("GET", "/healthz", ignore).add("GET", "/cases/{id}", ignore);
  for (const char* path : {"/", "/healthz/", "/healthzz", "/cases", "/cases/", "/cases/1/x", ""}) {
    const auto match = router.match("GET", path);
    EXPECT_EQ(match.handler, nullptr) << path;
    EXPECT_TRUE(match.allowed_methods.empty()) << path;
  }
}

TEST(RouterTest, NamesAllowedMethodsWhenOnlyTheMethodIsWrong) {
  Router router;
  router.add("POST", "/records", ignore)
      .add("PUT", "/records", ignore)
      .add("POST", "/records", ignore);
  const auto match = router.match("GET", "/records");
  EXPECT_EQ(match.handler, nullptr);
  EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"POST", "PUT"}));
}

TEST(RouterTest, PrefersLiteralSegmentsOverParameters) {
  Router router;
  int chosen = 0;
  router.add("GET", "/cases/{pseudonym}", [&](const Request&, Responder) { chosen = 1; });
  router.add("GET", "/cases/search", [&](const Request&, Responder) { chosen = 2; });
  const auto literal = router.match("GET", "/cases/search");
  ASSERT_NE(literal.handler, nullptr);
  EXPECT_EQ(literal.pattern, "/cases/search");
  EXPECT_TRUE(literal.params.empty());
  const auto param = router.match("GET", "/cases/v1:abc");
  EXPECT_EQ(param.pattern, "/cases/{pseudonym}");
}

TEST(RouterTest, RejectsMalformedPatterns) {
  Router router;
  EXPECT_THROW(router.add("GET", "cases", ignore), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/cases/{id", ignore), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/cases/x{id}", ignore), std::invalid_argument);
  EXPECT_THROW(router.add("GET", "/cases/{}", ignore), std::invalid_argument);
}

}  // namespace
}  // namespace samsag::http
