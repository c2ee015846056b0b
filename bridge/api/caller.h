// Who is asking: the bearer token verified (core/auth/jwt.h) and the caller's role in the
// municipality's terms (bridge.auth.coordinator_role / supervisor_role, API.md).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/auth/jwt.h"
#include "core/base/result.h"
#include "core/http/request.h"

namespace samsag::bridge::api {

// Verifies a bearer token. An interface so the handlers can be tested without key files.
class TokenCheck {
 public:
  virtual ~TokenCheck() = default;
  virtual Result<auth::Principal> verify(std::string_view token,
                                         std::chrono::system_clock::time_point now) const = 0;
};

// core/auth's verifier behind TokenCheck.
class JwtTokenCheck final : public TokenCheck {
 public:
  explicit JwtTokenCheck(auth::TokenVerifier verifier) : verifier_(std::move(verifier)) {}
  Result<auth::Principal> verify(std::string_view token,
                                 std::chrono::system_clock::time_point now) const override {
    return verifier_.verify(token, now);
  }

 private:
  auth::TokenVerifier verifier_;
};

struct RoleNames {
  std::string coordinator;
  std::string supervisor;
};

enum class Role { kNone, kCoordinator, kSupervisor };

struct Caller {
  std::string user;  // the token's `sub`
  Role role = Role::kNone;
  // The role's claim value as the audit record names it ("" without a known role).
  std::string role_name;

  bool supervisor() const { return role == Role::kSupervisor; }
};

// The verified caller, or why not: TOKEN_MISSING (no "Authorization: Bearer ..." header) or the
// verifier's error. A valid token without either role is a Caller with Role::kNone (403 later,
// audited with the user).
Result<Caller> identify(const http::Request& request, const TokenCheck& tokens,
                        const RoleNames& roles, std::chrono::system_clock::time_point now);

}  // namespace samsag::bridge::api
