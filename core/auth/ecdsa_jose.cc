// JOSE r||s <-> DER for ES256 (RFC 7518 §3.4), through ECDSA_SIG.
#include <openssl/ecdsa.h>

#include "core/auth/jws_signature.h"
#include "core/auth/openssl_handles.h"

namespace samsag::auth {

std::optional<std::string> ecdsa_jose_to_der(std::string_view jose, std::size_t component_bytes) {
  if (jose.size() != 2 * component_bytes) return std::nullopt;
  const auto* bytes = reinterpret_cast<const unsigned char*>(jose.data());
  BignumHandle r(BN_bin2bn(bytes, static_cast<int>(component_bytes), nullptr));
  BignumHandle s(BN_bin2bn(bytes + component_bytes, static_cast<int>(component_bytes), nullptr));
  EcdsaSignatureHandle signature(ECDSA_SIG_new());
  if (!r || !s || !signature) return std::nullopt;
  // ECDSA_SIG_set0 takes ownership of r and s; it fails only for null ones, excluded above.
  if (ECDSA_SIG_set0(signature.get(), r.release(), s.release()) != 1) return std::nullopt;
  const int size = i2d_ECDSA_SIG(signature.get(), nullptr);
  if (size <= 0) return std::nullopt;
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_ECDSA_SIG(signature.get(), &out) != size) return std::nullopt;
  return der;
}

std::optional<std::string> ecdsa_der_to_jose(std::string_view der, std::size_t component_bytes) {
  const auto* in = reinterpret_cast<const unsigned char*>(der.data());
  EcdsaSignatureHandle signature(d2i_ECDSA_SIG(nullptr, &in, static_cast<long>(der.size())));
  if (!signature) return std::nullopt;
  const BIGNUM* r = nullptr;
  const BIGNUM* s = nullptr;
  ECDSA_SIG_get0(signature.get(), &r, &s);
  std::string jose(2 * component_bytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(jose.data());
  const int width = static_cast<int>(component_bytes);
  if (BN_bn2binpad(r, out, width) != width ||
      BN_bn2binpad(s, out + component_bytes, width) != width) {
    return std::nullopt;
  }
  return jose;
}

}  // namespace samsag::auth
