// Forged, stale and misaddressed bearer tokens, and a coordinator reaching for another
// coordinator's case, against the coordinator API of a running `samsag up`: each answer has the
// right status, no case data, and one AccessRecord on demo.audit.v1 under its X-Request-Id
// (bridge/api/API.md). core/auth's unit tests cover the verifier's rules one by one; this proves
// the running process applies them on every case endpoint and audits each refusal.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "audit_log.h"
#include "core/auth/base64url.h"
#include "core/auth/jwt.h"
#include "demo_deployment.h"
#include "tests/support/http_client.h"
#include "tests/support/topic_reader.h"

namespace samsag::security_test {
namespace {

using namespace std::chrono_literals;
namespace v1 = samsag::v1;
using samsag::testing::HttpReply;
using samsag::testing::HttpRequest;
using SystemClock = std::chrono::system_clock;

// deploy/municipalities/demo/samsag.yaml, bridge.auth.
constexpr const char* kIssuer = "https://login.demo.samsag.invalid";
constexpr const char* kAudience = "samsag-demo";
constexpr const char* kDemoCoordinator = "tovholder-demo";  // cli/up/demo_secrets.h
constexpr const char* kOtherCoordinator = "tovholder-andre";

std::int64_t seconds_from_now(std::chrono::seconds offset) {
  return std::chrono::duration_cast<std::chrono::seconds>(
             (SystemClock::now() + offset).time_since_epoch())
      .count();
}

struct Claims {
  std::string issuer = kIssuer;
  boost::json::value audience = kAudience;
  std::string user = kDemoCoordinator;
  std::vector<std::string> roles{"coordinator"};
  std::chrono::seconds issued{-60};
  std::chrono::seconds expires{3600};
  std::optional<std::chrono::seconds> not_before{};
};

std::string claims_json(const Claims& claims) {
  boost::json::object object;
  if (!claims.issuer.empty()) object["iss"] = claims.issuer;
  object["aud"] = claims.audience;
  object["sub"] = claims.user;
  boost::json::array roles;
  for (const auto& role : claims.roles) roles.emplace_back(role);
  object["roles"] = std::move(roles);
  object["iat"] = seconds_from_now(claims.issued);
  object["exp"] = seconds_from_now(claims.expires);
  if (claims.not_before) object["nbf"] = seconds_from_now(*claims.not_before);
  return boost::json::serialize(object);
}

std::string b64(std::string_view text) { return auth::base64url_encode(text); }

// header.payload.signature with a header and signature of the attacker's choosing.
std::string unsigned_token(const std::string& header_json, const std::string& claims,
                           const std::string& signature) {
  return b64(header_json) + "." + b64(claims) + "." + signature;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &size);
  return {reinterpret_cast<const char*>(mac), size};
}

// The middle part of a token replaced by `claims`, the signature kept.
std::string with_claims(const std::string& token, const std::string& claims) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  return token.substr(0, first + 1) + b64(claims) + token.substr(second);
}

class TokenAttackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { demo_ = new DemoDeployment(6); }
  static void TearDownTestSuite() {
    delete demo_;
    demo_ = nullptr;
  }

  HttpReply call(const std::string& method, const std::string& path,
                 const std::optional<std::string>& authorization, const std::string& body = "") {
    HttpRequest request{method, path, {}, body};
    if (authorization) request.headers.emplace_back("Authorization", *authorization);
    if (!body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    return samsag::testing::http_send(demo_->ports().api, request, 30s);
  }

  // The demo citizen's pseudonym, asked with the real coordinator token.
  std::string demo_citizen() {
    const auto lookup = call("POST", "/api/v1/lookup", "Bearer " + demo_->coordinator_token(),
                             R"({"cpr":")" + demo_->demo_cpr() + "\"}");
    EXPECT_EQ(lookup.status, 200) << lookup.body;
    return std::string(boost::json::parse(lookup.body).at("citizen").as_string());
  }

  std::int64_t records_on(const std::string& topic) {
    return samsag::testing::TopicReader(demo_->bootstrap()).appended(topic);
  }

  static DemoDeployment* demo_;
};

DemoDeployment* TokenAttackTest::demo_ = nullptr;

// No case data: the case's coordinator, its sectors and the citizen's pseudonym stay out.
void expect_no_case_data(const HttpReply& reply, const std::string& citizen,
                         const std::string& what) {
  EXPECT_EQ(reply.body.find(kDemoCoordinator), std::string::npos) << what << ": " << reply.body;
  EXPECT_EQ(reply.body.find("target_group"), std::string::npos) << what;
  EXPECT_EQ(reply.body.find("\"sectors\""), std::string::npos) << what;
  EXPECT_EQ(reply.body.find(citizen), std::string::npos) << what;
  EXPECT_FALSE(reply.header("ETag").has_value()) << what;
}

TEST_F(TokenAttackTest, EveryForgedStaleOrMisaddressedTokenIs401AuditedAndWithoutData) {
  std::cerr << "samsag up was ready after " << demo_->ready_after().count() << " ms\n";
  const std::string citizen = demo_citizen();
  const std::string case_path = "/api/v1/cases/" + citizen;
  // The control: the real token reads the case, so the checks below could fail.
  const auto granted = call("GET", case_path, "Bearer " + demo_->coordinator_token());
  ASSERT_EQ(granted.status, 200) << granted.body;
  ASSERT_NE(granted.body.find(kDemoCoordinator), std::string::npos);

  const std::string kid = demo_->key_id();
  const std::string valid_claims = claims_json({});
  const std::string other_user_token = demo_->sign(claims_json({.user = kOtherCoordinator}));
  auto stranger_key = auth::SigningKey::generate(auth::Algorithm::kEs256, kid).value();
  const std::string es256_header = R"({"alg":"ES256","typ":"JWT","kid":")" + kid + "\"}";
  const std::string hs256_header = R"({"alg":"HS256","typ":"JWT","kid":")" + kid + "\"}";
  const std::string hs256_signing_input = b64(hs256_header) + "." + b64(valid_claims);
  std::string flipped_signature = demo_->coordinator_token();
  flipped_signature[flipped_signature.size() - 20] =
      flipped_signature[flipped_signature.size() - 20] == 'A' ? 'B' : 'A';

  const std::vector<std::pair<std::string, std::optional<std::string>>> attacks{
      {"no Authorization header", std::nullopt},
      {"empty bearer", "Bearer "},
      {"Basic instead of Bearer", "Basic dG92aG9sZGVyLWRlbW86eA=="},
      {"not a JWT", "Bearer not.a.jwt"},
      {"the token without a scheme", demo_->coordinator_token()},
      {"expired an hour ago",
       "Bearer " + demo_->sign(claims_json({.issued = -7200s, .expires = -3600s}))},
      {"expired beyond the 60 s leeway",
       "Bearer " + demo_->sign(claims_json({.issued = -3600s, .expires = -120s}))},
      {"not yet valid", "Bearer " + demo_->sign(claims_json({.not_before = 3600s}))},
      {"issued by another issuer",
       "Bearer " + demo_->sign(claims_json({.issuer = "https://login.evil.invalid"}))},
      {"no issuer", "Bearer " + demo_->sign(claims_json({.issuer = ""}))},
      {"for another audience", "Bearer " + demo_->sign(claims_json({.audience = "samsag-other"}))},
      {"audience list without ours",
       "Bearer " + demo_->sign(claims_json({.audience = boost::json::array{"a", "b"}}))},
      {"alg none with the key's kid",
       "Bearer " +
           unsigned_token(R"({"alg":"none","typ":"JWT","kid":")" + kid + "\"}", valid_claims, "")},
      {"alg none without kid",
       "Bearer " + unsigned_token(R"({"alg":"none","typ":"JWT"})", valid_claims, "")},
      {"alg None, signature kept",
       "Bearer " +
           unsigned_token(R"({"alg":"None","kid":")" + kid + "\"}", valid_claims, "c2lnbmF0dXJl")},
      {"HS256 keyed with the public JWK",
       "Bearer " + hs256_signing_input + "." +
           b64(hmac_sha256(demo_->public_jwk(), hs256_signing_input))},
      {"HS256 keyed with the JWKS file's kid",
       "Bearer " + hs256_signing_input + "." + b64(hmac_sha256(kid, hs256_signing_input))},
      {"payload swapped to the case's coordinator",
       "Bearer " + with_claims(other_user_token, valid_claims)},
      {"role raised to supervisor",
       "Bearer " + with_claims(other_user_token,
                               claims_json({.user = kOtherCoordinator, .roles = {"supervisor"}}))},
      {"signature tampered", "Bearer " + flipped_signature},
      {"signature cut off",
       "Bearer " + demo_->coordinator_token().substr(0, demo_->coordinator_token().rfind('.') + 1)},
      {"signed by another key under the same kid", "Bearer " + stranger_key.sign(valid_claims)},
      {"ES256 header over an HMAC signature",
       "Bearer " +
           unsigned_token(es256_header, valid_claims, b64(hmac_sha256(demo_->public_jwk(), "x")))},
  };

  // Every case endpoint, each with every attack: the case read carries all of them; the others
  // get the three that matter most (none, alg none, a tampered payload).
  struct Endpoint {
    std::string method;
    std::string path;
    std::string body;
    v1::AccessAction action;
  };
  const std::vector<Endpoint> endpoints{
      {"GET", case_path, "", v1::ACCESS_ACTION_READ_CASE},
      {"POST", "/api/v1/lookup", R"({"cpr":")" + demo_->demo_cpr() + "\"}",
       v1::ACCESS_ACTION_LOOKUP},
      {"GET", "/api/v1/cases?mine=true", "", v1::ACCESS_ACTION_LIST_CASES},
      {"GET", "/api/v1/cases?mine=false", "", v1::ACCESS_ACTION_LIST_CASES},
      {"GET", case_path + "/events", "", v1::ACCESS_ACTION_READ_CASE},
      {"POST", case_path + "/plan/goals", R"({"area":"GOAL_AREA_JOB","title":"Job"})",
       v1::ACCESS_ACTION_WRITE_PLAN},
      {"PATCH", case_path + "/plan/goals/g1", R"({"title":"Job"})", v1::ACCESS_ACTION_WRITE_PLAN},
      {"POST", case_path + "/consent", R"({"granted":false,"consent_id":"c1","scopes":["HEALTH"]})",
       v1::ACCESS_ACTION_WRITE_CONSENT},
      {"PUT", case_path + "/coordinator", R"({"coordinator_id":"tovholder-andre"})",
       v1::ACCESS_ACTION_WRITE_PLAN},
  };

  const auto plan_before = records_on("demo.plan.v1");
  const auto consent_before = records_on("demo.consent.v1");
  struct Sent {
    std::string what;
    HttpReply reply;
    v1::AccessAction action;
  };
  std::vector<Sent> sent;
  for (const auto& endpoint : endpoints) {
    for (std::size_t i = 0; i < attacks.size(); ++i) {
      const bool key_attack = i == 0 || attacks[i].first.starts_with("alg none with") ||
                              attacks[i].first.starts_with("role raised");
      if (endpoint.path != case_path && !key_attack) continue;
      const std::string what =
          endpoint.method + " " + endpoint.path.substr(0, 40) + " with " + attacks[i].first;
      auto reply = call(endpoint.method, endpoint.path, attacks[i].second, endpoint.body);
      EXPECT_EQ(reply.status, 401) << what << ": " << reply.body << reply.error;
      EXPECT_EQ(reply.header("WWW-Authenticate").value_or(""), "Bearer") << what;
      expect_no_case_data(reply, citizen, what);
      std::cerr << "  " << reply.status << "  " << what << "\n";
      sent.push_back({what, std::move(reply), endpoint.action});
    }
  }

  const auto audit = audit_records(demo_->bootstrap());
  for (const auto& [what, reply, action] : sent) {
    const auto found = audit.find(reply.header("X-Request-Id").value_or("?"));
    ASSERT_NE(found, audit.end()) << "no audit record for " << what;
    EXPECT_EQ(found->second.outcome(), v1::ACCESS_OUTCOME_UNAUTHENTICATED) << what;
    EXPECT_EQ(found->second.action(), action) << what;
    EXPECT_EQ(found->second.user(), "") << what << ": an unverified token named the user";
  }
  // No write went through.
  EXPECT_EQ(records_on("demo.plan.v1"), plan_before);
  EXPECT_EQ(records_on("demo.consent.v1"), consent_before);
}

TEST_F(TokenAttackTest, AnotherCoordinatorGets403AnAuditRecordAndNoData) {
  const std::string citizen = demo_citizen();
  const std::string case_path = "/api/v1/cases/" + citizen;
  const std::string other =
      "Bearer " + demo_->sign(claims_json({.user = kOtherCoordinator, .roles = {"coordinator"}}));

  const auto plan_before = records_on("demo.plan.v1");
  const auto consent_before = records_on("demo.consent.v1");
  struct Attempt {
    std::string method;
    std::string path;
    std::string body;
    v1::AccessAction action;
  };
  const std::vector<Attempt> forbidden{
      {"GET", case_path, "", v1::ACCESS_ACTION_READ_CASE},
      {"GET", case_path + "/events", "", v1::ACCESS_ACTION_READ_CASE},
      {"POST", case_path + "/plan/goals", R"({"area":"GOAL_AREA_JOB","title":"Job"})",
       v1::ACCESS_ACTION_WRITE_PLAN},
      {"PATCH", case_path + "/plan/goals/g1", R"({"title":"Job"})", v1::ACCESS_ACTION_WRITE_PLAN},
      {"POST", case_path + "/consent", R"({"granted":false,"consent_id":"c1","scopes":["HEALTH"]})",
       v1::ACCESS_ACTION_WRITE_CONSENT},
      {"PUT", case_path + "/coordinator", R"({"coordinator_id":"tovholder-andre"})",
       v1::ACCESS_ACTION_WRITE_PLAN},
      {"GET", "/api/v1/cases?mine=false", "", v1::ACCESS_ACTION_LIST_CASES},
  };
  std::vector<std::pair<std::string, HttpReply>> sent;
  for (const auto& attempt : forbidden) {
    const std::string what = attempt.method + " " + attempt.path.substr(0, 40);
    auto reply = call(attempt.method, attempt.path, other, attempt.body);
    EXPECT_EQ(reply.status, 403) << what << ": " << reply.body;
    expect_no_case_data(reply, citizen, what);
    std::cerr << "  " << reply.status << "  " << what << " as " << kOtherCoordinator << "\n";
    sent.emplace_back(what, std::move(reply));
  }
  // Their own list holds none of the demo coordinator's cases.
  const auto mine = call("GET", "/api/v1/cases?mine=true", other);
  EXPECT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(boost::json::parse(mine.body).at("cases").as_array().size(), 0U) << mine.body;
  expect_no_case_data(mine, citizen, "their own list");

  const auto audit = audit_records(demo_->bootstrap());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const auto& [what, reply] = sent[i];
    const auto found = audit.find(reply.header("X-Request-Id").value_or("?"));
    ASSERT_NE(found, audit.end()) << "no audit record for " << what;
    EXPECT_EQ(found->second.outcome(), v1::ACCESS_OUTCOME_FORBIDDEN) << what;
    EXPECT_EQ(found->second.action(), forbidden[i].action) << what;
    EXPECT_EQ(found->second.user(), kOtherCoordinator) << what;
    if (forbidden[i].action != v1::ACCESS_ACTION_LIST_CASES) {
      EXPECT_EQ(found->second.citizen(), citizen) << what;
    }
  }
  const auto listed = audit.find(mine.header("X-Request-Id").value_or("?"));
  ASSERT_NE(listed, audit.end()) << "no audit record for the list";
  EXPECT_EQ(listed->second.outcome(), v1::ACCESS_OUTCOME_GRANTED);
  EXPECT_EQ(records_on("demo.plan.v1"), plan_before);
  EXPECT_EQ(records_on("demo.consent.v1"), consent_before);
}

}  // namespace
}  // namespace samsag::security_test
