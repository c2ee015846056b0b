// Keys and hand-built tokens for the core/auth tests. Key generation is slow (RSA), so each test
// binary makes its keys once.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/auth/jwt.h"

namespace samsag::auth::testing {

// One RS256 key "rsa-1" and one ES256 key "ec-1", generated once per process.
const SigningKey& rsa_key();
const SigningKey& ec_key();

// {"keys":[rsa-1, ec-1]}
std::string test_jwks_json();

inline VerifierOptions test_options() {
  return {"https://idp.demo.samsag.test", "samsag-api", std::chrono::seconds(60)};
}

// A fixed "now" (2023-11-14T22:13:20Z), so tests never depend on the clock.
inline std::chrono::system_clock::time_point test_now() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
}

// A compact JWS from raw parts: base64url(header).base64url(claims).base64url(signature).
std::string forge_token(std::string_view header_json, std::string_view claims_json,
                        std::string_view signature_bytes);

// HMAC-SHA256 of `data` under `key`: what an attacker computes for an HS256 token.
std::string hmac_sha256(std::string_view key, std::string_view data);

// The public half of a signing key as PEM (SubjectPublicKeyInfo): the bytes an algorithm
// confusion attacker uses as the HMAC secret.
std::string public_key_pem(const SigningKey& key);

}  // namespace samsag::auth::testing
