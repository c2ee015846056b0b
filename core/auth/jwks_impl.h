// What a Jwks holds: its usable keys by kid. Shared by jwks.cc and token_verifier.cc.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/auth/jwk.h"
#include "core/auth/jwt.h"

namespace samsag::auth {

struct Jwks::Impl {
  std::map<std::string, VerificationKey, std::less<>> keys_by_id;
};

}  // namespace samsag::auth
