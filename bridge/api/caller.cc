#include "bridge/api/caller.h"

#include <algorithm>
#include <cctype>

namespace samsag::bridge::api {

Result<Caller> identify(const http::Request& request, const TokenCheck& tokens,
                        const RoleNames& roles, std::chrono::system_clock::time_point now) {
  static constexpr std::string_view kScheme = "Bearer ";
  const auto header = request.header("Authorization");
  if (!header || header->size() <= kScheme.size() ||
      !std::equal(kScheme.begin(), kScheme.end(), header->begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
      })) {
    return make_error("TOKEN_MISSING", "an \"Authorization: Bearer <token>\" header is required");
  }
  auto principal = tokens.verify(header->substr(kScheme.size()), now);
  if (!principal) return principal.error();
  Caller caller;
  caller.user = principal->user;
  const auto has = [&](const std::string& role) {
    return !role.empty() && std::find(principal->roles.begin(), principal->roles.end(), role) !=
                                principal->roles.end();
  };
  // The wider role wins when a token carries both.
  if (has(roles.supervisor)) {
    caller.role = Role::kSupervisor;
    caller.role_name = roles.supervisor;
  } else if (has(roles.coordinator)) {
    caller.role = Role::kCoordinator;
    caller.role_name = roles.coordinator;
  }
  return caller;
}

}  // namespace samsag::bridge::api
