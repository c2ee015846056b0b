// The two JWS signature algorithms samsag accepts (RFC 7518 §3.3 RS256, §3.4 ES256), over
// OpenSSL's EVP API. ES256 signatures travel as JOSE's fixed-width r||s, which OpenSSL does not
// speak: they are converted to and from DER ECDSA-Sig-Value here.
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/auth/jwt.h"

namespace samsag::auth {

// "RS256" or "ES256": the `alg` a key of this algorithm signs with.
std::string_view algorithm_name(Algorithm algorithm);

// Bytes of r and of s in an ES256 signature (P-256: 32 each).
inline constexpr std::size_t kEs256ComponentBytes = 32;

// JOSE r||s (exactly 2 * component_bytes) -> DER; nullopt when the size is wrong.
std::optional<std::string> ecdsa_jose_to_der(std::string_view jose, std::size_t component_bytes);
// DER -> JOSE r||s, each left-padded to component_bytes; nullopt when DER is bad or r, s too big.
std::optional<std::string> ecdsa_der_to_jose(std::string_view der, std::size_t component_bytes);

// Whether `signature` (JOSE form) is `key`'s signature over `signing_input` with `algorithm`.
// Never throws; OpenSSL's error queue is left empty.
bool verify_jws_signature(Algorithm algorithm, EVP_PKEY* key, std::string_view signing_input,
                          std::string_view signature);

// The JOSE-form signature over `signing_input`. Throws std::runtime_error when OpenSSL fails,
// which with a key this library made or loaded means a broken installation.
std::string create_jws_signature(Algorithm algorithm, EVP_PKEY* key,
                                 std::string_view signing_input);

}  // namespace samsag::auth
