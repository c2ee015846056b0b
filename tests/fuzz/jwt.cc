#include "core/auth/jwt.h"

#include <chrono>
#include <set>
#include <stdexcept>

#include "tests/fuzz/fuzz_inputs.h"

namespace samsag::fuzz {
namespace {

using std::chrono::system_clock;

constexpr auto kNow = system_clock::time_point(std::chrono::seconds(1'700'000'000));

struct Keys {
  auth::SigningKey rsa;
  auth::SigningKey ec;
  auth::TokenVerifier verifier;
};

auth::SigningKey must_generate(auth::Algorithm algorithm, std::string kid) {
  auto key = auth::SigningKey::generate(algorithm, std::move(kid));
  if (!key) throw std::runtime_error(key.error().message);
  return std::move(key).value();
}

// The seeds name these kids, so the fuzzer reaches the algorithm and signature checks.
const Keys& keys() {
  static const Keys kKeys = [] {
    auto rsa = must_generate(auth::Algorithm::kRs256, "rsa-1");
    auto ec = must_generate(auth::Algorithm::kEs256, "ec-1");
    auto jwks = auth::Jwks::parse(auth::jwks_json({&rsa, &ec}));
    if (!jwks) throw std::runtime_error(jwks.error().message);
    auth::TokenVerifier verifier(std::move(jwks).value(), {"https://idp.demo.samsag.test",
                                                           "samsag-api", std::chrono::seconds(60)});
    return Keys{std::move(rsa), std::move(ec), std::move(verifier)};
  }();
  return kKeys;
}

// jwt.h: a refusal's sentence never repeats the token. Every sentence is fixed text, so however
// many inputs the fuzzer tries they come from a small set; one that echoed the token, a kid or a
// claim would grow it without bound. (A direct "contains the token" check is no test: the fuzzer
// soon learns to send a piece of a fixed sentence as its token.)
void check_refusal(const Result<auth::Principal>& result) {
  if (result.ok()) {
    fuzz_check(!result->user.empty(), "a verified token has a subject");
    return;
  }
  fuzz_check(result.error().code.starts_with("TOKEN_"), "a refusal has a TOKEN_ code");
  static std::set<std::string> sentences;
  sentences.insert(result.error().message);
  fuzz_check(sentences.size() <= 40, "refusal sentences are fixed text that never echoes input");
}

}  // namespace

void jwt(std::string_view input) {
  if (input.empty()) return;
  const auto mode = static_cast<unsigned char>(input.front());
  input.remove_prefix(1);
  switch (mode % 3) {
    case 0: {  // a bearer token as sent
      check_refusal(keys().verifier.verify(input, kNow));
      break;
    }
    case 1: {  // claims under a valid signature: what only the identity provider could send
      const std::string token = keys().ec.sign(input);
      const auto result = keys().verifier.verify(token, kNow);
      check_refusal(result);
      fuzz_check(result.ok() || result.error().code != "TOKEN_BAD_SIGNATURE",
                 "a token signed by a known key verifies");
      break;
    }
    default: {  // a JWKS document (configuration, but still parsed defensively)
      const auto jwks = auth::Jwks::parse(input);
      fuzz_check(jwks.ok() ? jwks->size() > 0 : jwks.error().code == "JWKS_INVALID",
                 "a JWKS has a usable key or is JWKS_INVALID");
      break;
    }
  }
}

}  // namespace samsag::fuzz
