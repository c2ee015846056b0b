#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "core/auth/base64url.h"
#include "core/auth/jwk.h"
#include "core/auth/jwt.h"
#include "tests/support/scratch_name.h"
#include "tests/unit/core/auth/auth_test_keys.h"

namespace samsag::auth {
namespace {

boost::json::object jwk_of(const SigningKey& key) {
  return boost::json::parse(key.public_jwk_json()).as_object();
}

std::string set_of(std::initializer_list<boost::json::value> keys) {
  boost::json::array list;
  for (const auto& key : keys) list.push_back(key);
  boost::json::object document;
  document["keys"] = std::move(list);
  return boost::json::serialize(document);
}

void expect_invalid(const std::string& jwks, std::string_view mentions) {
  const auto parsed = Jwks::parse(jwks);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "JWKS_INVALID");
  EXPECT_NE(parsed.error().message.find(mentions), std::string::npos) << parsed.error().message;
}

TEST(Jwks, ParsesTheKeysOfSigningKeys) {
  const auto jwks = Jwks::parse(testing::test_jwks_json());
  ASSERT_TRUE(jwks.ok()) << jwks.error().message;
  EXPECT_EQ(jwks->size(), 2u);
}

TEST(Jwks, RefusesWhatIsNotAKeySet) {
  expect_invalid("", "not JSON");
  expect_invalid("{\"keys\": [", "not JSON");
  expect_invalid("[]", "'keys' array");
  expect_invalid(R"({"keys": {}})", "'keys' array");
  expect_invalid(R"({"keys": []})", "no usable key");
  expect_invalid(R"({"keys": [7]})", "key 0 is not an object");
}

// A 1024-bit RSA key can be factored by a well-funded attacker; RFC 7518 §3.3 requires 2048.
TEST(Jwks, RefusesA1024BitRsaKey) {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> small(
      EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{1024}), &EVP_PKEY_free);
  ASSERT_TRUE(small);
  const auto jwk = public_jwk(Algorithm::kRs256, small.get(), "small-1");
  expect_invalid(set_of({jwk, jwk_of(testing::ec_key())}), "1024 bits");
}

TEST(Jwks, RefusesADuplicateKid) {
  auto ec = jwk_of(testing::ec_key());
  ec["kid"] = "rsa-1";
  expect_invalid(set_of({jwk_of(testing::rsa_key()), ec}), "'rsa-1' appears twice");
}

TEST(Jwks, RefusesAnEcPointNotOnTheCurve) {
  auto jwk = jwk_of(testing::ec_key());
  const std::string one = std::string(31, '\0') + "\x01";
  jwk["x"] = base64url_encode(one);
  jwk["y"] = base64url_encode(one);
  expect_invalid(set_of({jwk}), "not on the P-256 curve");

  jwk = jwk_of(testing::ec_key());
  auto y = *base64url_decode(jwk["y"].as_string());
  y.back() ^= 0x01;
  jwk["y"] = base64url_encode(y);
  expect_invalid(set_of({jwk}), "not on the P-256 curve");
}

TEST(Jwks, RefusesShortEcCoordinates) {
  auto jwk = jwk_of(testing::ec_key());
  jwk["x"] = base64url_encode(base64url_decode(jwk["x"].as_string())->substr(1));
  expect_invalid(set_of({jwk}), "32 bytes");
}

TEST(Jwks, RefusesAnRsaKeyWithASmallExponent) {
  auto jwk = jwk_of(testing::rsa_key());
  jwk["e"] = "Aw";  // e = 3
  expect_invalid(set_of({jwk}), "exponent");
  jwk["e"] = "AQAA";  // even
  expect_invalid(set_of({jwk}), "exponent");
}

TEST(Jwks, RefusesAnEvenModulus) {
  auto jwk = jwk_of(testing::rsa_key());
  auto n = *base64url_decode(jwk["n"].as_string());
  n.back() &= '\xfe';
  jwk["n"] = base64url_encode(n);
  expect_invalid(set_of({jwk}), "not a valid RSA public key");
}

TEST(Jwks, RefusesMalformedKeyMembers) {
  auto jwk = jwk_of(testing::rsa_key());
  jwk.erase("n");
  expect_invalid(set_of({jwk}), "'n'");
  jwk = jwk_of(testing::rsa_key());
  jwk["n"] = "not base64url!";
  expect_invalid(set_of({jwk}), "'n'");
  jwk = jwk_of(testing::rsa_key());
  jwk.erase("kty");
  expect_invalid(set_of({jwk}), "'kty'");
  jwk = jwk_of(testing::rsa_key());
  jwk.erase("kid");
  expect_invalid(set_of({jwk}), "no 'kid'");
  jwk = jwk_of(testing::rsa_key());
  jwk["use"] = 1;
  expect_invalid(set_of({jwk}), "must be strings");
}

TEST(Jwks, RefusesAnAlgThatContradictsTheKeyType) {
  auto rsa = jwk_of(testing::rsa_key());
  rsa["alg"] = "ES256";
  expect_invalid(set_of({rsa}), "does not match");
  auto ec = jwk_of(testing::ec_key());
  ec["alg"] = "RS256";
  expect_invalid(set_of({ec}), "does not match");
}

TEST(Jwks, RefusesPrivateKeyMaterial) {
  auto jwk = jwk_of(testing::ec_key());
  jwk["d"] = base64url_encode(std::string(32, '\x07'));
  expect_invalid(set_of({jwk}), "private key material");
}

// RFC 7517 §5: keys a consumer does not understand are ignored, not fatal.
TEST(Jwks, SkipsKeysSamsagDoesNotUse) {
  auto encryption = jwk_of(testing::rsa_key());
  encryption["kid"] = "enc-1";
  encryption["use"] = "enc";
  auto rs512 = jwk_of(testing::rsa_key());
  rs512["kid"] = "rs512-1";
  rs512["alg"] = "RS512";
  auto p384 = jwk_of(testing::ec_key());
  p384["kid"] = "p384-1";
  p384["crv"] = "P-384";
  p384.erase("alg");
  const boost::json::object symmetric{{"kty", "oct"}, {"kid", "hmac-1"}, {"k", "c2VjcmV0"}};
  const auto jwks =
      Jwks::parse(set_of({encryption, rs512, p384, symmetric, jwk_of(testing::ec_key())}));
  ASSERT_TRUE(jwks.ok()) << jwks.error().message;
  EXPECT_EQ(jwks->size(), 1u);

  expect_invalid(set_of({encryption, symmetric}), "no usable key");
}

TEST(Jwks, LoadsAFileAndNamesItInErrors) {
  namespace fs = std::filesystem;
  const auto dir = fs::temp_directory_path() / samsag::testing::scratch_name("samsag-jwks-test-");
  fs::create_directories(dir);
  const auto good = dir / "jwks.json";
  std::ofstream(good) << testing::test_jwks_json();
  const auto bad = dir / "bad.json";
  std::ofstream(bad) << "{}";

  const auto loaded = Jwks::load_file(good.string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->size(), 2u);

  const auto invalid = Jwks::load_file(bad.string());
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, "JWKS_INVALID");
  EXPECT_NE(invalid.error().message.find(bad.string()), std::string::npos);

  const auto missing = Jwks::load_file((dir / "missing.json").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "JWKS_UNREADABLE");
  fs::remove_all(dir);
}

TEST(Jwks, RefusesADocumentOverOneMebibyte) {
  expect_invalid(std::string(1024 * 1024 + 1, ' '), "larger than 1 MiB");
}

}  // namespace
}  // namespace samsag::auth
