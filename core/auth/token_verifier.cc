// TokenVerifier::verify: the checks of jwt.h in their order. Every error sentence is fixed text:
// nothing of the token (not even its kid or issuer) is echoed, so a caller may log it as is.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "core/auth/compact_jws.h"
#include "core/auth/jwks_impl.h"
#include "core/auth/jws_signature.h"

namespace samsag::auth {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;

// NumericDates beyond this (about year 5000) are not dates a token would carry.
constexpr double kMaxNumericDate = 1e11;
// A leeway beyond this is a misconfiguration; capping it keeps the arithmetic below in range.
constexpr std::int64_t kMaxLeewaySeconds = 1'000'000'000;

Error rejected(const char* code, const char* what) {
  return make_error(code, std::string("the bearer token ") + what);
}

Error malformed_claim(const char* what) { return rejected("TOKEN_MALFORMED", what); }

enum class Rounding { kDown, kUp };

// A NumericDate claim (RFC 7519 §2) in whole seconds, rounded toward the stricter side. nullopt
// when absent; error when present but not a number in range.
Result<std::optional<std::int64_t>> numeric_date(const boost::json::object& claims,
                                                 std::string_view name, Rounding rounding) {
  const auto* value = claims.if_contains(name);
  if (value == nullptr) return std::optional<std::int64_t>();
  double date = 0;
  if (value->is_int64()) {
    date = static_cast<double>(value->get_int64());
  } else if (value->is_uint64()) {
    date = static_cast<double>(value->get_uint64());
  } else if (value->is_double()) {
    date = value->get_double();
  } else {
    return malformed_claim("has a date claim (exp, nbf) that is not a number");
  }
  if (!std::isfinite(date) || std::abs(date) > kMaxNumericDate) {
    return malformed_claim("has a date claim (exp, nbf) out of range");
  }
  date = rounding == Rounding::kDown ? std::floor(date) : std::ceil(date);
  return std::optional<std::int64_t>(static_cast<std::int64_t>(date));
}

bool audience_matches(const boost::json::value* aud, std::string_view audience) {
  if (aud == nullptr) return false;
  if (aud->is_string()) return aud->get_string() == audience;
  if (!aud->is_array()) return false;
  const auto& list = aud->get_array();
  return std::any_of(list.begin(), list.end(), [&](const boost::json::value& entry) {
    return entry.is_string() && entry.get_string() == audience;
  });
}

system_clock::time_point time_point_of(std::int64_t unix_seconds) {
  constexpr auto kLatest = std::chrono::duration_cast<seconds>(system_clock::duration::max());
  if (unix_seconds >= kLatest.count()) return system_clock::time_point::max();
  constexpr auto kEarliest = std::chrono::duration_cast<seconds>(system_clock::duration::min());
  if (unix_seconds <= kEarliest.count()) return system_clock::time_point::min();
  return system_clock::time_point(seconds(unix_seconds));
}

// The claims after the signature held: validity window, issuer, audience, subject, roles.
Result<Principal> principal_of(const boost::json::object& claims, const VerifierOptions& options,
                               system_clock::time_point now) {
  const auto exp = numeric_date(claims, "exp", Rounding::kDown);
  if (!exp) return exp.error();
  if (!exp->has_value()) return malformed_claim("has no expiry ('exp')");
  const auto nbf = numeric_date(claims, "nbf", Rounding::kUp);
  if (!nbf) return nbf.error();

  // Integer seconds: now >= exp + leeway <=> floor(now) >= exp + leeway, since exp is whole.
  const std::int64_t leeway =
      std::clamp<std::int64_t>(options.leeway.count(), 0, kMaxLeewaySeconds);
  const std::int64_t now_seconds = std::chrono::floor<seconds>(now.time_since_epoch()).count();
  if (now_seconds >= **exp + leeway) return rejected("TOKEN_EXPIRED", "has expired");
  if (nbf->has_value() && now_seconds < **nbf - leeway) {
    return rejected("TOKEN_NOT_YET_VALID", "is not valid yet ('nbf')");
  }

  const auto* iss = claims.if_contains("iss");
  if (iss == nullptr || !iss->is_string() || iss->get_string() != options.issuer) {
    return rejected("TOKEN_WRONG_ISSUER", "was not issued by this deployment's issuer");
  }
  if (!audience_matches(claims.if_contains("aud"), options.audience)) {
    return rejected("TOKEN_WRONG_AUDIENCE", "is not meant for this audience");
  }
  const auto* sub = claims.if_contains("sub");
  if (sub == nullptr || !sub->is_string() || sub->get_string().empty()) {
    return malformed_claim("has no subject ('sub')");
  }

  Principal principal;
  principal.user = std::string(sub->get_string());
  principal.expires_at = time_point_of(**exp);
  if (const auto* roles = claims.if_contains("roles")) {
    if (!roles->is_array()) return malformed_claim("has a 'roles' claim that is not an array");
    for (const auto& role : roles->get_array()) {
      if (!role.is_string()) return malformed_claim("has a role that is not a string");
      principal.roles.emplace_back(role.get_string());
    }
  }
  return principal;
}

}  // namespace

TokenVerifier::TokenVerifier(Jwks keys, VerifierOptions options)
    : keys_(std::move(keys)), options_(std::move(options)) {}

Result<Principal> TokenVerifier::verify(std::string_view token,
                                        std::chrono::system_clock::time_point now) const {
  auto jws = decode_compact_jws(token);
  if (!jws) return jws.error();

  const auto* kid = jws->header.if_contains("kid");
  if (kid == nullptr || !kid->is_string()) {
    return rejected("TOKEN_UNKNOWN_KEY", "does not name its signing key ('kid')");
  }
  const auto found = keys_.impl_->keys_by_id.find(std::string_view(kid->get_string()));
  if (found == keys_.impl_->keys_by_id.end()) {
    return rejected("TOKEN_UNKNOWN_KEY", "names a signing key this deployment does not have");
  }
  const VerificationKey& key = found->second;

  // RFC 8725 §3.1: the key decides the algorithm. `none`, HS256 over the public key's bytes and
  // ES256 on an RSA key all stop here, before any signature is computed.
  if (jws->header.at("alg").get_string() != algorithm_name(key.algorithm)) {
    return rejected("TOKEN_ALGORITHM_MISMATCH", "names an algorithm its key does not use");
  }
  if (!verify_jws_signature(key.algorithm, key.key.get(), jws->signing_input, jws->signature)) {
    return rejected("TOKEN_BAD_SIGNATURE", "has a signature that does not verify");
  }

  auto principal = principal_of(jws->claims, options_, now);
  if (!principal) return principal.error();
  principal->key_id = found->first;
  return principal;
}

}  // namespace samsag::auth
