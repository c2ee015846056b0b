#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <thread>

#include "core/auth/base64url.h"
#include "core/auth/jwt.h"
#include "tests/unit/core/auth/auth_test_keys.h"

namespace samsag::auth {
namespace {

using namespace std::chrono_literals;
using testing::ec_key;
using testing::forge_token;
using testing::rsa_key;
using testing::test_now;
using testing::test_options;

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(test_now().time_since_epoch()).count();
}

// Claims of a valid token at test_now(); tests change one member at a time.
boost::json::object valid_claims() {
  return boost::json::parse(
             standard_claims(test_options(), "tovholder-17", {"coordinator"}, test_now() - 60s, 1h))
      .as_object();
}

std::string claims_text(const boost::json::object& claims) {
  return boost::json::serialize(claims);
}

std::string header_text(std::string_view alg, std::string_view kid) {
  return boost::json::serialize(boost::json::object{{"alg", alg}, {"typ", "JWT"}, {"kid", kid}});
}

class TokenVerifierTest : public ::testing::Test {
 protected:
  TokenVerifierTest() : verifier_(make_verifier(test_options())) {}

  static TokenVerifier make_verifier(VerifierOptions options) {
    auto jwks = Jwks::parse(testing::test_jwks_json());
    EXPECT_TRUE(jwks.ok()) << jwks.error().message;
    return {std::move(jwks).value(), std::move(options)};
  }

  Result<Principal> verify(const std::string& token) const {
    return verifier_.verify(token, test_now());
  }

  // The token is refused with `code`, and the sentence repeats no part of it.
  void expect_refused(const std::string& token, std::string_view code,
                      const TokenVerifier* verifier = nullptr) const {
    const auto result = (verifier != nullptr ? *verifier : verifier_).verify(token, test_now());
    ASSERT_FALSE(result.ok()) << "accepted a token that should fail with " << code;
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_FALSE(result.error().message.empty());
    std::size_t start = 0;
    while (start < token.size()) {
      const auto dot = std::min(token.find('.', start), token.size());
      const auto part = token.substr(start, dot - start);
      if (part.size() >= 4) {
        EXPECT_EQ(result.error().message.find(part), std::string::npos)
            << "the error echoes the token";
      }
      start = dot + 1;
    }
  }

  TokenVerifier verifier_;
};

TEST_F(TokenVerifierTest, Rs256RoundTripGivesThePrincipal) {
  const auto token = rsa_key().sign(claims_text(valid_claims()));
  const auto principal = verify(token);
  ASSERT_TRUE(principal.ok()) << principal.error().message;
  EXPECT_EQ(principal->user, "tovholder-17");
  EXPECT_EQ(principal->roles, std::vector<std::string>{"coordinator"});
  EXPECT_EQ(principal->key_id, "rsa-1");
  EXPECT_EQ(principal->expires_at, test_now() - 60s + 1h);
}

TEST_F(TokenVerifierTest, Es256RoundTripGivesThePrincipal) {
  const auto token = ec_key().sign(claims_text(valid_claims()));
  const auto principal = verify(token);
  ASSERT_TRUE(principal.ok()) << principal.error().message;
  EXPECT_EQ(principal->user, "tovholder-17");
  EXPECT_EQ(principal->key_id, "ec-1");
}

TEST_F(TokenVerifierTest, AbsentRolesMeanNone) {
  auto claims = valid_claims();
  claims.erase("roles");
  const auto principal = verify(ec_key().sign(claims_text(claims)));
  ASSERT_TRUE(principal.ok()) << principal.error().message;
  EXPECT_TRUE(principal->roles.empty());
}

TEST_F(TokenVerifierTest, RefusesRolesThatAreNotStrings) {
  auto claims = valid_claims();
  claims["roles"] = "coordinator";
  expect_refused(ec_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
  claims["roles"] = boost::json::array{"coordinator", 7};
  expect_refused(ec_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, RefusesMissingParts) {
  const auto token = rsa_key().sign(claims_text(valid_claims()));
  const auto last_dot = token.rfind('.');
  expect_refused("", "TOKEN_MALFORMED");
  expect_refused("..", "TOKEN_MALFORMED");
  expect_refused(token.substr(0, last_dot), "TOKEN_MALFORMED");
  expect_refused(token.substr(0, token.find('.')), "TOKEN_MALFORMED");
  expect_refused(token + ".", "TOKEN_MALFORMED");
  expect_refused(token + "." + token.substr(last_dot + 1), "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, RefusesBadBase64) {
  const auto token = rsa_key().sign(claims_text(valid_claims()));
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  expect_refused("%%%%" + token.substr(first_dot), "TOKEN_MALFORMED");
  expect_refused(token.substr(0, first_dot) + "=" + token.substr(first_dot), "TOKEN_MALFORMED");
  expect_refused(token.substr(0, last_dot + 1) + "+/" + token.substr(last_dot + 3),
                 "TOKEN_MALFORMED");
  expect_refused(token.substr(0, last_dot + 1) + " " + token.substr(last_dot + 1),
                 "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, RefusesAHeaderThatIsNotAJsonObject) {
  const auto claims = claims_text(valid_claims());
  expect_refused(forge_token("not json at all", claims, "sig"), "TOKEN_MALFORMED");
  expect_refused(forge_token(R"(["RS256"])", claims, "sig"), "TOKEN_MALFORMED");
  expect_refused(forge_token(R"({"alg":"RS256","kid":"rsa-1")", claims, "sig"), "TOKEN_MALFORMED");
  expect_refused(forge_token(R"({"kid":"rsa-1"})", claims, "sig"), "TOKEN_MALFORMED");
  expect_refused(forge_token(R"({"alg":7,"kid":"rsa-1"})", claims, "sig"), "TOKEN_MALFORMED");
  expect_refused(forge_token(header_text("RS256", "rsa-1"), "[]", "sig"), "TOKEN_MALFORMED");
  expect_refused(forge_token(header_text("RS256", "rsa-1"), "\xff\xfe{}", "sig"),
                 "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, RefusesCriticalHeaderExtensions) {
  expect_refused(forge_token(R"({"alg":"RS256","kid":"rsa-1","crit":["b64"],"b64":false})",
                             claims_text(valid_claims()), "sig"),
                 "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, RefusesAnUnknownOrMissingKid) {
  const auto claims = claims_text(valid_claims());
  expect_refused(forge_token(header_text("RS256", "rsa-2"), claims, "sig"), "TOKEN_UNKNOWN_KEY");
  expect_refused(forge_token(R"({"alg":"RS256"})", claims, "sig"), "TOKEN_UNKNOWN_KEY");
  expect_refused(forge_token(R"({"alg":"RS256","kid":1})", claims, "sig"), "TOKEN_UNKNOWN_KEY");
}

TEST_F(TokenVerifierTest, RefusesAlgNone) {
  const auto claims = claims_text(valid_claims());
  expect_refused(forge_token(header_text("none", "rsa-1"), claims, ""), "TOKEN_ALGORITHM_MISMATCH");
  expect_refused(forge_token(header_text("none", "ec-1"), claims, ""), "TOKEN_ALGORITHM_MISMATCH");
  expect_refused(forge_token(header_text("None", "rsa-1"), claims, ""), "TOKEN_ALGORITHM_MISMATCH");
  expect_refused(forge_token(R"({"alg":"none"})", claims, ""), "TOKEN_UNKNOWN_KEY");
}

// RFC 8725 §2.1: an HS256 token whose HMAC key is the RSA public key's bytes verifies under a
// library that lets the header choose the algorithm. Here the key's algorithm is RS256, so the
// token is refused as a mismatch, not as a bad signature: no HMAC is ever computed.
TEST_F(TokenVerifierTest, RefusesHs256KeyedWithThePublicKeyBeforeAnySignatureCheck) {
  const auto header = base64url_encode(header_text("HS256", "rsa-1"));
  const auto claims = base64url_encode(claims_text(valid_claims()));
  const auto signing_input = header + "." + claims;
  for (const auto& secret : {testing::public_key_pem(rsa_key()), rsa_key().public_jwk_json()}) {
    const auto token =
        signing_input + "." + base64url_encode(testing::hmac_sha256(secret, signing_input));
    expect_refused(token, "TOKEN_ALGORITHM_MISMATCH");
  }
}

TEST_F(TokenVerifierTest, RefusesAnAlgorithmOtherThanTheKeys) {
  const auto claims = claims_text(valid_claims());
  // A real ES256 signature, presented under the RSA key's kid.
  const auto es_token = ec_key().sign(claims);
  const auto es_signature = es_token.substr(es_token.rfind('.') + 1);
  const auto forged = base64url_encode(header_text("ES256", "rsa-1")) + "." +
                      base64url_encode(claims) + "." + es_signature;
  expect_refused(forged, "TOKEN_ALGORITHM_MISMATCH");
  expect_refused(forge_token(header_text("RS256", "ec-1"), claims, "sig"),
                 "TOKEN_ALGORITHM_MISMATCH");
  expect_refused(forge_token(header_text("RS512", "rsa-1"), claims, "sig"),
                 "TOKEN_ALGORITHM_MISMATCH");
  expect_refused(forge_token(header_text("PS256", "rsa-1"), claims, "sig"),
                 "TOKEN_ALGORITHM_MISMATCH");
}

TEST_F(TokenVerifierTest, RefusesATamperedPayload) {
  const auto token = rsa_key().sign(claims_text(valid_claims()));
  auto claims = valid_claims();
  claims["roles"] = boost::json::array{"supervisor"};
  const auto first_dot = token.find('.');
  const auto last_dot = token.rfind('.');
  const auto tampered = token.substr(0, first_dot + 1) + base64url_encode(claims_text(claims)) +
                        token.substr(last_dot);
  expect_refused(tampered, "TOKEN_BAD_SIGNATURE");

  const auto ec_token = ec_key().sign(claims_text(valid_claims()));
  expect_refused(ec_token.substr(0, ec_token.find('.') + 1) +
                     base64url_encode(claims_text(claims)) + ec_token.substr(ec_token.rfind('.')),
                 "TOKEN_BAD_SIGNATURE");
}

TEST_F(TokenVerifierTest, RefusesATamperedSignature) {
  for (const SigningKey* key : {&rsa_key(), &ec_key()}) {
    const auto token = key->sign(claims_text(valid_claims()));
    const auto last_dot = token.rfind('.');
    auto signature = *base64url_decode(token.substr(last_dot + 1));
    signature[signature.size() / 2] ^= 0x01;
    expect_refused(token.substr(0, last_dot + 1) + base64url_encode(signature),
                   "TOKEN_BAD_SIGNATURE");
    // Truncated and extended signatures are wrong, not crashes.
    expect_refused(token.substr(0, last_dot + 1) + base64url_encode(signature.substr(1)),
                   "TOKEN_BAD_SIGNATURE");
    expect_refused(token.substr(0, last_dot + 1) + base64url_encode(signature + "x"),
                   "TOKEN_BAD_SIGNATURE");
    expect_refused(token.substr(0, last_dot + 1), "TOKEN_BAD_SIGNATURE");
  }
}

TEST_F(TokenVerifierTest, RefusesAnEs256SignatureWithZeroComponents) {
  const auto claims = claims_text(valid_claims());
  expect_refused(forge_token(header_text("ES256", "ec-1"), claims, std::string(64, '\0')),
                 "TOKEN_BAD_SIGNATURE");
  expect_refused(forge_token(header_text("ES256", "ec-1"), claims, std::string(64, '\xff')),
                 "TOKEN_BAD_SIGNATURE");
}

TEST_F(TokenVerifierTest, RefusesAnOversizedToken) {
  expect_refused(std::string(std::size_t{8} * 1024 + 1, 'a'), "TOKEN_MALFORMED");
  auto claims = valid_claims();
  claims["padding"] = std::string(8 * 1024, 'p');
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, RefusesAnExpiredTokenBeyondTheLeeway) {
  auto claims = valid_claims();
  claims["exp"] = now_seconds() - 30;  // within the 60 s leeway
  EXPECT_TRUE(verify(rsa_key().sign(claims_text(claims))).ok());
  claims["exp"] = now_seconds() - 60;
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_EXPIRED");
  claims["exp"] = now_seconds() - 86400;
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_EXPIRED");

  auto strict = test_options();
  strict.leeway = 0s;
  const auto strict_verifier = make_verifier(strict);
  claims["exp"] = now_seconds();  // RFC 7519 §4.1.4: the current time must be before exp
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_EXPIRED", &strict_verifier);
  claims["exp"] = now_seconds() + 1;
  EXPECT_TRUE(strict_verifier.verify(rsa_key().sign(claims_text(claims)), test_now()).ok());
}

TEST_F(TokenVerifierTest, RefusesAMissingOrNonNumericExpiry) {
  auto claims = valid_claims();
  claims.erase("exp");
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
  claims["exp"] = std::to_string(now_seconds() + 3600);
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
  claims["exp"] = 1e300;
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, AcceptsFractionalAndFarFutureExpiry) {
  auto claims = valid_claims();
  claims["exp"] = static_cast<double>(now_seconds()) + 3600.5;
  EXPECT_TRUE(verify(rsa_key().sign(claims_text(claims))).ok());
  claims["exp"] = 99'999'999'999;  // beyond what system_clock holds: the principal saturates
  const auto principal = verify(rsa_key().sign(claims_text(claims)));
  ASSERT_TRUE(principal.ok()) << principal.error().message;
  EXPECT_EQ(principal->expires_at, std::chrono::system_clock::time_point::max());
}

TEST_F(TokenVerifierTest, RefusesANotYetValidTokenWithAndWithoutLeeway) {
  auto claims = valid_claims();
  claims["nbf"] = now_seconds() + 30;
  const auto early = rsa_key().sign(claims_text(claims));
  EXPECT_TRUE(verify(early).ok()) << "30 s early is within the 60 s leeway";

  auto strict = test_options();
  strict.leeway = 0s;
  const auto strict_verifier = make_verifier(strict);
  expect_refused(early, "TOKEN_NOT_YET_VALID", &strict_verifier);

  claims["nbf"] = now_seconds() + 61;
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_NOT_YET_VALID");
  claims["nbf"] = "soon";
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
}

TEST_F(TokenVerifierTest, RefusesAWrongOrMissingIssuer) {
  auto claims = valid_claims();
  claims["iss"] = "https://idp.other.test";
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_ISSUER");
  claims["iss"] = "https://idp.demo.samsag.test/";
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_ISSUER");
  claims["iss"] = boost::json::array{"https://idp.demo.samsag.test"};
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_ISSUER");
  claims.erase("iss");
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_ISSUER");
}

TEST_F(TokenVerifierTest, RefusesAWrongAudienceAsStringOrArray) {
  auto claims = valid_claims();
  claims["aud"] = "samsag-admin";
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_AUDIENCE");
  claims["aud"] = boost::json::array{"samsag-admin", "other"};
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_AUDIENCE");
  claims["aud"] = boost::json::array{};
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_AUDIENCE");
  claims["aud"] = boost::json::array{boost::json::array{"samsag-api"}};
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_AUDIENCE");
  claims.erase("aud");
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_WRONG_AUDIENCE");

  claims["aud"] = boost::json::array{"other", "samsag-api"};
  EXPECT_TRUE(verify(rsa_key().sign(claims_text(claims))).ok());
}

TEST_F(TokenVerifierTest, RefusesAMissingOrEmptySubject) {
  auto claims = valid_claims();
  claims.erase("sub");
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
  claims["sub"] = "";
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
  claims["sub"] = 17;
  expect_refused(rsa_key().sign(claims_text(claims)), "TOKEN_MALFORMED");
}

// The coordinator API verifies on every request thread with one verifier.
TEST_F(TokenVerifierTest, VerifiesFromSeveralThreadsAtOnce) {
  const auto rs = rsa_key().sign(claims_text(valid_claims()));
  const auto es = ec_key().sign(claims_text(valid_claims()));
  const auto bad = rs.substr(0, rs.rfind('.') + 1) + "AAAA";
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (!verify(rs).ok() || !verify(es).ok() || verify(bad).ok()) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

// jwt.h's order: the signature is checked before any claim, so a forger cannot learn from the
// answer which of their claims would pass.
TEST_F(TokenVerifierTest, ChecksTheSignatureBeforeTheClaims) {
  auto claims = valid_claims();
  claims["exp"] = now_seconds() - 86400;
  claims["iss"] = "https://idp.other.test";
  const auto token = rsa_key().sign(claims_text(claims));
  const auto last_dot = token.rfind('.');
  expect_refused(token.substr(0, last_dot + 1) + "AAAA", "TOKEN_BAD_SIGNATURE");
}

}  // namespace
}  // namespace samsag::auth
