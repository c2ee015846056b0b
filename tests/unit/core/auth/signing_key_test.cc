#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>

#include "core/auth/jws_signature.h"
#include "core/auth/jwt.h"
#include "tests/support/scratch_name.h"
#include "tests/unit/core/auth/auth_test_keys.h"

namespace samsag::auth {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class SigningKeyTest : public ::testing::Test {
 protected:
  SigningKeyTest()
      : dir_(fs::temp_directory_path() / samsag::testing::scratch_name("samsag-key-test-")) {
    fs::create_directories(dir_);
  }
  ~SigningKeyTest() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) const {
    const auto path = dir_ / name;
    std::ofstream(path) << content;
    return path.string();
  }

  std::string pem_of_generated(const char* type, const char* parameter) const {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(nullptr, &EVP_PKEY_free);
    if (std::string_view(type) == "RSA") {
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{1024}));
    } else {
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, type, parameter));
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
    EXPECT_EQ(PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr),
              1);
    char* data = nullptr;
    const long size = BIO_get_mem_data(out.get(), &data);
    return {data, static_cast<std::size_t>(size)};
  }

  fs::path dir_;
};

TEST_F(SigningKeyTest, PemRoundTripSignsTokensTheOriginalsJwksVerifies) {
  for (const SigningKey* original : {&testing::rsa_key(), &testing::ec_key()}) {
    const auto pem = original->private_pem();
    EXPECT_EQ(pem.rfind("-----BEGIN PRIVATE KEY-----", 0), 0u) << "PKCS#8";
    auto loaded = SigningKey::load_pem_file(write("key.pem", pem), original->key_id());
    ASSERT_TRUE(loaded.ok()) << loaded.error().message;
    EXPECT_EQ(loaded->algorithm(), original->algorithm());
    EXPECT_EQ(loaded->public_jwk_json(), original->public_jwk_json());

    auto jwks = Jwks::parse(jwks_json({original}));
    ASSERT_TRUE(jwks.ok()) << jwks.error().message;
    const TokenVerifier verifier(std::move(jwks).value(), testing::test_options());
    const auto claims =
        standard_claims(testing::test_options(), "tovholder-3", {}, testing::test_now(), 12h);
    const auto principal = verifier.verify(loaded->sign(claims), testing::test_now());
    ASSERT_TRUE(principal.ok()) << principal.error().message;
    EXPECT_EQ(principal->user, "tovholder-3");
  }
}

TEST_F(SigningKeyTest, RefusesUnreadableAndUnusableKeyFiles) {
  const auto missing = SigningKey::load_pem_file((dir_ / "missing.pem").string(), "k");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "KEY_UNREADABLE");

  const auto garbage = SigningKey::load_pem_file(write("garbage.pem", "not a key\n"), "k");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "KEY_INVALID");

  const auto small =
      SigningKey::load_pem_file(write("small.pem", pem_of_generated("RSA", "")), "k");
  ASSERT_FALSE(small.ok());
  EXPECT_EQ(small.error().code, "KEY_INVALID");

  const auto p384 =
      SigningKey::load_pem_file(write("p384.pem", pem_of_generated("EC", "P-384")), "k");
  ASSERT_FALSE(p384.ok());
  EXPECT_EQ(p384.error().code, "KEY_INVALID");

  const auto ed25519 =
      SigningKey::load_pem_file(write("ed.pem", pem_of_generated("ED25519", nullptr)), "k");
  ASSERT_FALSE(ed25519.ok());
  EXPECT_EQ(ed25519.error().code, "KEY_INVALID");
}

TEST_F(SigningKeyTest, PublicJwkHasTheMembersOfItsType) {
  const auto rsa = boost::json::parse(testing::rsa_key().public_jwk_json()).as_object();
  EXPECT_EQ(rsa.at("kty"), "RSA");
  EXPECT_EQ(rsa.at("kid"), "rsa-1");
  EXPECT_EQ(rsa.at("alg"), "RS256");
  EXPECT_EQ(rsa.at("use"), "sig");
  EXPECT_EQ(rsa.at("e"), "AQAB");
  EXPECT_EQ(rsa.at("n").as_string().size(), 342u);  // 256 bytes
  EXPECT_FALSE(rsa.contains("d"));

  const auto ec = boost::json::parse(testing::ec_key().public_jwk_json()).as_object();
  EXPECT_EQ(ec.at("kty"), "EC");
  EXPECT_EQ(ec.at("crv"), "P-256");
  EXPECT_EQ(ec.at("alg"), "ES256");
  EXPECT_EQ(ec.at("x").as_string().size(), 43u);  // 32 bytes
  EXPECT_EQ(ec.at("y").as_string().size(), 43u);
  EXPECT_FALSE(ec.contains("d"));
}

TEST(SignedToken, HeaderNamesAlgorithmTypeAndKid) {
  const auto token = testing::ec_key().sign("{}");
  const auto header = boost::json::parse(R"({"alg":"ES256","typ":"JWT","kid":"ec-1"})");
  const auto encoded = token.substr(0, token.find('.'));
  EXPECT_EQ(
      testing::forge_token(boost::json::serialize(header), "{}", "").substr(0, encoded.size()),
      encoded);
}

TEST(StandardClaims, CarryIssuerAudienceSubjectRolesAndTimes) {
  const auto claims =
      boost::json::parse(standard_claims(testing::test_options(), "tovholder-9",
                                         {"coordinator", "supervisor"}, testing::test_now(), 12h));
  const boost::json::value expected = {{"iss", "https://idp.demo.samsag.test"},
                                       {"aud", "samsag-api"},
                                       {"sub", "tovholder-9"},
                                       {"roles", {"coordinator", "supervisor"}},
                                       {"iat", 1'700'000'000},
                                       {"nbf", 1'700'000'000},
                                       {"exp", 1'700'043'200}};
  EXPECT_EQ(claims, expected);
}

TEST(EcdsaJose, ConvertsBetweenJoseAndDer) {
  std::string jose(64, '\0');
  jose[31] = 1;       // r = 1
  jose[32] = '\x80';  // s with the top bit set: DER needs a leading zero
  const auto der = ecdsa_jose_to_der(jose, 32);
  ASSERT_TRUE(der.has_value());
  EXPECT_EQ(ecdsa_der_to_jose(*der, 32), jose);
  EXPECT_FALSE(ecdsa_jose_to_der(jose.substr(1), 32).has_value());
  EXPECT_FALSE(ecdsa_der_to_jose("not der", 32).has_value());
  EXPECT_FALSE(ecdsa_der_to_jose(*der, 16).has_value()) << "s does not fit 16 bytes";
}

}  // namespace
}  // namespace samsag::auth
