#include "tests/unit/core/auth/auth_test_keys.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "core/auth/base64url.h"

namespace samsag::auth::testing {
namespace {

SigningKey must_generate(Algorithm algorithm, std::string kid) {
  auto key = SigningKey::generate(algorithm, std::move(kid));
  if (!key) throw std::runtime_error(key.error().message);
  return std::move(key).value();
}

}  // namespace

const SigningKey& rsa_key() {
  static const SigningKey key = must_generate(Algorithm::kRs256, "rsa-1");
  return key;
}

const SigningKey& ec_key() {
  static const SigningKey key = must_generate(Algorithm::kEs256, "ec-1");
  return key;
}

std::string test_jwks_json() { return jwks_json({&rsa_key(), &ec_key()}); }

std::string forge_token(std::string_view header_json, std::string_view claims_json,
                        std::string_view signature_bytes) {
  return base64url_encode(header_json) + "." + base64url_encode(claims_json) + "." +
         base64url_encode(signature_bytes);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac.data(), &size);
  return {reinterpret_cast<const char*>(mac.data()), size};
}

std::string public_key_pem(const SigningKey& key) {
  const std::string pem = key.private_pem();
  std::unique_ptr<BIO, decltype(&BIO_free)> in(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey(
      PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), &BIO_free);
  if (!pkey || !out || PEM_write_bio_PUBKEY(out.get(), pkey.get()) != 1) {
    throw std::runtime_error("cannot write the public key as PEM");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(out.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

}  // namespace samsag::auth::testing
