// The secrets of a demo deployment, made by `samsag up` where the config says: the pseudonym key
// (shared by adapters and bridge) and the demo identity provider's signing key, whose public half
// is the bridge's JWKS. Every file is 0600. Demo only: a real deployment's keys come from its
// own key management and its tokens from the municipality's identity provider.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/auth/jwt.h"
#include "core/base/result.h"
#include "samsag/config/v1/config.pb.h"

namespace samsag::cli::up {

// The demo's people: the coordinator (tovholder) of every demo case, and a supervisor who may
// read every case and alone assigns coordinators (bridge/api/API.md).
inline constexpr std::string_view kDemoCoordinator = "tovholder-demo";
inline constexpr std::string_view kDemoSupervisor = "supervisor-demo";
inline constexpr auto kDemoLoginLifetime = std::chrono::hours(12);

// Keeps a key file that is already there (a demo against an existing cluster keeps its
// pseudonyms across runs); otherwise writes 32 random bytes. Error: SECRET_WRITE_FAILED.
Status ensure_pseudonym_key(const std::filesystem::path& key_file);

// The demo identity provider: a fresh ES256 key per run. create() writes its JWKS to
// bridge.auth.jwks_file and the private key beside up's other state (`private_key_file`).
class DemoIdentityProvider {
 public:
  // Errors: KEY_GENERATION_FAILED, SECRET_WRITE_FAILED, NO_BRIDGE.
  static Result<DemoIdentityProvider> create(const config::v1::Config& config,
                                             const std::filesystem::path& private_key_file);

  // A token for `user` with one role, valid for kDemoLoginLifetime from now.
  std::string login(std::string_view user, const std::string& role) const;
  std::string coordinator_token() const;
  std::string supervisor_token() const;

 private:
  DemoIdentityProvider(auth::SigningKey key, config::v1::Bridge bridge);
  auth::SigningKey key_;
  config::v1::Bridge bridge_;
};

// Writes `content` to `path` readable by its owner only, via a temporary file and a rename, so no
// reader ever sees half a key. Error: SECRET_WRITE_FAILED.
Status write_private_file(const std::filesystem::path& path, std::string_view content);

}  // namespace samsag::cli::up
