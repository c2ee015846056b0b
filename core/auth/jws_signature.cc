#include "core/auth/jws_signature.h"

#include <openssl/err.h>

#include <stdexcept>

#include "core/auth/openssl_handles.h"

namespace samsag::auth {

std::string_view algorithm_name(Algorithm algorithm) {
  return algorithm == Algorithm::kRs256 ? "RS256" : "ES256";
}

bool verify_jws_signature(Algorithm algorithm, EVP_PKEY* key, std::string_view signing_input,
                          std::string_view signature) {
  std::string der;
  if (algorithm == Algorithm::kEs256) {
    auto converted = ecdsa_jose_to_der(signature, kEs256ComponentBytes);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  DigestContextHandle context(EVP_MD_CTX_new());
  // RSA keys verify with PKCS #1 v1.5 padding, OpenSSL's default: exactly RS256.
  const bool valid =
      context && EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(
          context.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
          reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size()) == 1;
  // A bad signature leaves reasons in the thread's queue; they must not surface elsewhere.
  ERR_clear_error();
  return valid;
}

std::string create_jws_signature(Algorithm algorithm, EVP_PKEY* key,
                                 std::string_view signing_input) {
  DigestContextHandle context(EVP_MD_CTX_new());
  std::size_t size = 0;
  const auto* input = reinterpret_cast<const unsigned char*>(signing_input.data());
  if (!context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(context.get(), nullptr, &size, input, signing_input.size()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("OpenSSL could not start a signature");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &size,
                     input, signing_input.size()) != 1) {
    ERR_clear_error();
    throw std::runtime_error("OpenSSL could not sign");
  }
  signature.resize(size);
  if (algorithm == Algorithm::kRs256) return signature;
  auto jose = ecdsa_der_to_jose(signature, kEs256ComponentBytes);
  if (!jose) throw std::runtime_error("OpenSSL made an ECDSA signature that is not P-256 sized");
  return *jose;
}

}  // namespace samsag::auth
