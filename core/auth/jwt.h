// Bearer JWTs of the coordinator API (issue 6): verification of RS256 and ES256 tokens against
// the municipality's JWKS with OpenSSL's EVP API, and signing, for the demo identity provider of
// `samsag up` and for tests. The key decides the algorithm, never the token's header (RFC 8725
// §3.1): a token whose `alg` differs from its key's is refused before any signature check, so
// `alg: none` and HS256-with-the-public-key confusion cannot work.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace samsag::auth {

// Who a verified token speaks for.
struct Principal {
  std::string user;                // the `sub` claim
  std::vector<std::string> roles;  // the `roles` claim (array of strings; absent: none)
  std::string key_id;              // the `kid` that verified it
  std::chrono::system_clock::time_point expires_at;
};

struct VerifierOptions {
  std::string issuer;               // required `iss`, compared exactly
  std::string audience;             // required in `aud` (a string, or an array containing it)
  std::chrono::seconds leeway{60};  // allowed clock skew for `exp` and `nbf`
};

// The public keys of a JWKS document, each bound to one algorithm: RSA keys (kty RSA, n, e; at
// least 2048 bits) verify RS256, P-256 keys (kty EC, crv P-256, x, y) verify ES256. A key's
// optional `alg` must agree with its type; keys with `use` other than "sig" are skipped, and so
// are keys of a kty, curve or alg samsag does not verify (RFC 7517 §5).
class Jwks {
 public:
  // Errors: JWKS_INVALID (not JSON, no usable key, a malformed key, a duplicate kid), naming the
  // key and the member at fault.
  static Result<Jwks> parse(std::string_view json);
  static Result<Jwks> load_file(const std::string& path);  // also JWKS_UNREADABLE

  ~Jwks();
  Jwks(Jwks&&) noexcept;
  Jwks& operator=(Jwks&&) noexcept;

  std::size_t size() const;
  struct Impl;

 private:
  explicit Jwks(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  friend class TokenVerifier;
};

class TokenVerifier {
 public:
  TokenVerifier(Jwks keys, VerifierOptions options);

  // Checks, in this order: shape (three base64url parts, JSON header and claims, at most 8 KiB),
  // the header's `kid` names a key, the header's `alg` is that key's algorithm, the signature,
  // then `exp` (required), `nbf` (optional), `iss`, `aud`, and `sub` (required, non-empty).
  // Errors (code, and a sentence that never repeats the token): TOKEN_MALFORMED,
  // TOKEN_UNKNOWN_KEY, TOKEN_ALGORITHM_MISMATCH, TOKEN_BAD_SIGNATURE, TOKEN_EXPIRED,
  // TOKEN_NOT_YET_VALID, TOKEN_WRONG_ISSUER, TOKEN_WRONG_AUDIENCE. A required claim that is
  // missing or of the wrong type (`exp`, `sub`, `roles` not an array of strings) is
  // TOKEN_MALFORMED; a missing `iss` or `aud` is the wrong issuer or audience.
  // Safe to call from several threads at once: the keys are only read.
  Result<Principal> verify(std::string_view token, std::chrono::system_clock::time_point now) const;

 private:
  Jwks keys_;
  VerifierOptions options_;
};

enum class Algorithm { kRs256, kEs256 };

// A private key that signs tokens: the demo identity provider of `samsag up`, and tests.
class SigningKey {
 public:
  // A fresh key pair (RSA 2048 or P-256). Error: KEY_GENERATION_FAILED.
  static Result<SigningKey> generate(Algorithm algorithm, std::string key_id);
  // A PEM private key (PKCS#8 or traditional). Errors: KEY_UNREADABLE, KEY_INVALID.
  static Result<SigningKey> load_pem_file(const std::string& path, std::string key_id);

  ~SigningKey();
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;

  Algorithm algorithm() const;
  const std::string& key_id() const;
  // The private key as PKCS#8 PEM, for writing to a 0600 file.
  std::string private_pem() const;
  // The public half as one JWK object (kty, kid, alg, use "sig", and n/e or crv/x/y).
  std::string public_jwk_json() const;

  // A compact JWS over `claims_json` (a JSON object, used as given) with header
  // {"alg":..,"typ":"JWT","kid":..}.
  std::string sign(std::string_view claims_json) const;

  struct Impl;

 private:
  explicit SigningKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// {"keys":[...]} of the keys' public halves.
std::string jwks_json(const std::vector<const SigningKey*>& keys);

// The claims of a samsag token: iss, aud, sub, roles, iat = now, nbf = now, exp = now + lifetime.
std::string standard_claims(const VerifierOptions& audience_and_issuer, std::string_view user,
                            const std::vector<std::string>& roles,
                            std::chrono::system_clock::time_point now,
                            std::chrono::seconds lifetime);

}  // namespace samsag::auth
