// One JSON Web Key (RFC 7517, RFC 7518 §6) <-> an OpenSSL public key bound to one algorithm.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "core/auth/jwt.h"
#include "core/auth/openssl_handles.h"
#include "core/base/result.h"

namespace samsag::auth {

// RFC 8725 §3.1: a key verifies exactly one algorithm, fixed when it is loaded.
struct VerificationKey {
  Algorithm algorithm;
  PkeyHandle key;
};

inline constexpr int kMinRsaBits = 2048;
inline constexpr int kMaxRsaBits = 16384;  // OpenSSL's own limit (OPENSSL_RSA_MAX_MODULUS_BITS)

// The key of one JWK object. nullopt for a key samsag does not use and may ignore (RFC 7517 §5):
// `use` other than "sig", a kty other than RSA and EC, a curve other than P-256, an `alg` other
// than RS256 and ES256. Error JWKS_INVALID for a key that claims to be usable but is not: a
// missing or non-base64url member, an RSA modulus under 2048 bits, a point not on P-256, an `alg`
// that contradicts the kty, private key material. `label` names the key in messages.
Result<std::optional<VerificationKey>> verification_key_from_jwk(const boost::json::object& jwk,
                                                                 const std::string& label);

// The public half of `key` as a JWK: kty, kid, alg, use "sig", and n/e or crv/x/y.
boost::json::object public_jwk(Algorithm algorithm, EVP_PKEY* key, const std::string& key_id);

}  // namespace samsag::auth
