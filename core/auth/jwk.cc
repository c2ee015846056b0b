#include "core/auth/jwk.h"

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>
#include <stdexcept>
#include <string_view>

#include "core/auth/base64url.h"
#include "core/auth/jws_signature.h"

namespace samsag::auth {
namespace {

using KeyResult = Result<std::optional<VerificationKey>>;

Error invalid(const std::string& label, std::string_view what) {
  return make_error("JWKS_INVALID", label + ": " + std::string(what));
}

// A string member, or nullopt when absent. `wrong_type` is set when present but not a string.
std::optional<std::string_view> string_member(const boost::json::object& jwk, std::string_view name,
                                              bool& wrong_type) {
  const auto* value = jwk.if_contains(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    wrong_type = true;
    return std::nullopt;
  }
  return std::string_view(value->get_string());
}

// A required base64url member's bytes.
Result<std::string> bytes_member(const boost::json::object& jwk, std::string_view name,
                                 const std::string& label) {
  bool wrong_type = false;
  const auto text = string_member(jwk, name, wrong_type);
  if (!text) return invalid(label, "member '" + std::string(name) + "' is missing or not a string");
  auto bytes = base64url_decode(*text);
  if (!bytes || bytes->empty()) {
    return invalid(label, "member '" + std::string(name) + "' is not unpadded base64url");
  }
  return std::move(*bytes);
}

// EVP_PKEY_fromdata for a public key of `type` ("RSA", "EC"), then OpenSSL's public-key check
// (RSA: n odd and without small factors; EC: the point is on the curve and not infinity).
PkeyHandle public_key_from_params(const char* type, OSSL_PARAM_BLD* builder) {
  ParamsHandle params(OSSL_PARAM_BLD_to_param(builder));
  PkeyContextHandle context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
      EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  PkeyHandle key(raw);
  PkeyContextHandle check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
  if (!check || EVP_PKEY_public_check(check.get()) != 1) key.reset();
  ERR_clear_error();
  return key;
}

KeyResult rsa_key(const boost::json::object& jwk, const std::string& label) {
  auto n = bytes_member(jwk, "n", label);
  if (!n) return n.error();
  auto e = bytes_member(jwk, "e", label);
  if (!e) return e.error();
  const auto* n_bytes = reinterpret_cast<const unsigned char*>(n->data());
  const auto* e_bytes = reinterpret_cast<const unsigned char*>(e->data());
  BignumHandle modulus(BN_bin2bn(n_bytes, static_cast<int>(n->size()), nullptr));
  BignumHandle exponent(BN_bin2bn(e_bytes, static_cast<int>(e->size()), nullptr));
  if (!modulus || !exponent) throw std::bad_alloc();
  const int bits = BN_num_bits(modulus.get());
  if (bits < kMinRsaBits || bits > kMaxRsaBits) {
    return invalid(label, "RSA modulus of " + std::to_string(bits) + " bits; " +
                              std::to_string(kMinRsaBits) + " to " + std::to_string(kMaxRsaBits) +
                              " are accepted");
  }
  // FIPS 186-5 §5.4: 2^16 < e < 2^256, odd. OpenSSL outside FIPS mode accepts e = 3, whose
  // PKCS #1 v1.5 signatures are the ones forged against lax verifiers (Bleichenbacher 2006).
  const int exponent_bits = BN_num_bits(exponent.get());
  if (BN_is_odd(exponent.get()) != 1 || exponent_bits <= 16 || exponent_bits > 256) {
    return invalid(label, "RSA exponent e must be odd and between 2^16 and 2^256");
  }
  ParamBuilderHandle builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    throw std::bad_alloc();
  }
  auto key = public_key_from_params("RSA", builder.get());
  if (!key) {
    return invalid(label, "not a valid RSA public key (the modulus n must be odd)");
  }
  return std::optional<VerificationKey>(VerificationKey{Algorithm::kRs256, std::move(key)});
}

KeyResult p256_key(const boost::json::object& jwk, const std::string& label) {
  auto x = bytes_member(jwk, "x", label);
  if (!x) return x.error();
  auto y = bytes_member(jwk, "y", label);
  if (!y) return y.error();
  // RFC 7518 §6.2.1.2: the full 32 bytes of each coordinate, leading zeros kept.
  if (x->size() != kEs256ComponentBytes || y->size() != kEs256ComponentBytes) {
    return invalid(label, "P-256 coordinates x and y must be 32 bytes each");
  }
  std::string point = "\x04" + *x + *y;  // SEC 1 uncompressed point
  ParamBuilderHandle builder(OSSL_PARAM_BLD_new());
  if (!builder ||
      OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
          1 ||
      OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    throw std::bad_alloc();
  }
  auto key = public_key_from_params("EC", builder.get());
  if (!key) return invalid(label, "the point (x, y) is not on the P-256 curve");
  return std::optional<VerificationKey>(VerificationKey{Algorithm::kEs256, std::move(key)});
}

std::string bignum_param(EVP_PKEY* key, const char* name, int width = 0) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    throw std::runtime_error("OpenSSL could not export a public key parameter");
  }
  BignumHandle value(raw);
  const int size = width > 0 ? width : BN_num_bytes(value.get());
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (BN_bn2binpad(value.get(), reinterpret_cast<unsigned char*>(bytes.data()), size) != size) {
    throw std::runtime_error("OpenSSL exported a public key parameter of the wrong size");
  }
  return bytes;
}

}  // namespace

KeyResult verification_key_from_jwk(const boost::json::object& jwk, const std::string& label) {
  bool wrong_type = false;
  const auto use = string_member(jwk, "use", wrong_type);
  const auto kty = string_member(jwk, "kty", wrong_type);
  const auto crv = string_member(jwk, "crv", wrong_type);
  const auto alg = string_member(jwk, "alg", wrong_type);
  if (wrong_type) return invalid(label, "members use, kty, crv and alg must be strings");
  if (!kty) return invalid(label, "member 'kty' is missing");
  if (use && *use != "sig") return std::optional<VerificationKey>();
  // A private exponent in a public key set is a leak; refusing it gets it noticed.
  if (jwk.contains("d")) return invalid(label, "contains private key material ('d')");

  const bool rsa = *kty == "RSA";
  const bool p256 = *kty == "EC" && crv == "P-256";
  if (alg && (*alg == "RS256" || *alg == "ES256")) {
    if ((*alg == "RS256" && !rsa) || (*alg == "ES256" && !p256)) {
      return invalid(label, "alg '" + std::string(*alg) + "' does not match its key type");
    }
  } else if (alg) {
    return std::optional<VerificationKey>();  // an algorithm samsag does not verify
  }
  if (rsa) return rsa_key(jwk, label);
  if (p256) return p256_key(jwk, label);
  return std::optional<VerificationKey>();
}

boost::json::object public_jwk(Algorithm algorithm, EVP_PKEY* key, const std::string& key_id) {
  boost::json::object jwk;
  if (algorithm == Algorithm::kRs256) {
    jwk["kty"] = "RSA";
  } else {
    jwk["kty"] = "EC";
    jwk["crv"] = "P-256";
  }
  jwk["kid"] = key_id;
  jwk["alg"] = algorithm_name(algorithm);
  jwk["use"] = "sig";
  if (algorithm == Algorithm::kRs256) {
    jwk["n"] = base64url_encode(bignum_param(key, OSSL_PKEY_PARAM_RSA_N));
    jwk["e"] = base64url_encode(bignum_param(key, OSSL_PKEY_PARAM_RSA_E));
  } else {
    const int width = static_cast<int>(kEs256ComponentBytes);
    jwk["x"] = base64url_encode(bignum_param(key, OSSL_PKEY_PARAM_EC_PUB_X, width));
    jwk["y"] = base64url_encode(bignum_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, width));
  }
  return jwk;
}

}  // namespace samsag::auth
