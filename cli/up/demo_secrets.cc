#include "cli/up/demo_secrets.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace samsag::cli::up {
namespace {

constexpr std::size_t kPseudonymKeyBytes = 32;

Error write_failed(const std::filesystem::path& path, const std::string& why) {
  return make_error("SECRET_WRITE_FAILED", "cannot write " + path.string() + ": " + why);
}

// The key loader strips trailing CR and LF (so that a key written with `echo` works); a random key
// ending in one of them would lose bytes, so such a last byte is drawn again.
bool random_key(std::array<unsigned char, kPseudonymKeyBytes>& key) {
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) return false;
  while (key.back() == '\n' || key.back() == '\r') {
    if (RAND_bytes(&key.back(), 1) != 1) return false;
  }
  return true;
}

}  // namespace

Status write_private_file(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return write_failed(path, ec.message());
  const auto temporary = path.parent_path() / ("." + path.filename().string() + ".tmp");
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return write_failed(path, std::strerror(errno));
  bool written = ::fchmod(fd, 0600) == 0;  // a left-over temporary file may have other bits
  std::size_t done = 0;
  while (written && done < content.size()) {
    const auto n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    written = n > 0;
    if (written) done += static_cast<std::size_t>(n);
  }
  const int error = errno;
  written = ::fsync(fd) == 0 && written;
  ::close(fd);
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    const auto why = std::string(std::strerror(written ? errno : error));
    std::filesystem::remove(temporary, ec);
    return write_failed(path, why);
  }
  return ok_status();
}

Status ensure_pseudonym_key(const std::filesystem::path& key_file) {
  std::error_code ec;
  if (std::filesystem::file_size(key_file, ec) >= kPseudonymKeyBytes && !ec) return ok_status();
  std::array<unsigned char, kPseudonymKeyBytes> key{};
  if (!random_key(key)) return write_failed(key_file, "OpenSSL has no random bytes");
  return write_private_file(
      key_file, std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

DemoIdentityProvider::DemoIdentityProvider(auth::SigningKey key, config::v1::Bridge bridge)
    : key_(std::move(key)), bridge_(std::move(bridge)) {}

Result<DemoIdentityProvider> DemoIdentityProvider::create(
    const config::v1::Config& config, const std::filesystem::path& private_key_file) {
  if (!config.has_bridge() || config.bridge().auth().jwks_file().empty()) {
    return make_error("NO_BRIDGE",
                      "the config has no bridge.auth.jwks_file for the demo logins' keys");
  }
  std::array<unsigned char, 6> id{};
  if (RAND_bytes(id.data(), static_cast<int>(id.size())) != 1) {
    return make_error("KEY_GENERATION_FAILED", "OpenSSL has no random bytes for a key id");
  }
  std::string key_id = "samsag-up-";
  for (const auto byte : id) key_id += "abcdefghijklmnop"[byte % 16];  // letters: never CPR-shaped
  auto key = auth::SigningKey::generate(auth::Algorithm::kEs256, key_id);
  if (!key) return key.error();
  if (auto written = write_private_file(private_key_file, key->private_pem()); !written) {
    return written.error();
  }
  const std::filesystem::path jwks_file = config.bridge().auth().jwks_file();
  if (auto written = write_private_file(jwks_file, auth::jwks_json({&key.value()})); !written) {
    return written.error();
  }
  return DemoIdentityProvider(std::move(key).value(), config.bridge());
}

std::string DemoIdentityProvider::login(std::string_view user, const std::string& role) const {
  const auth::VerifierOptions audience{.issuer = bridge_.auth().issuer(),
                                       .audience = bridge_.auth().audience()};
  return key_.sign(auth::standard_claims(audience, user, {role}, std::chrono::system_clock::now(),
                                         kDemoLoginLifetime));
}

std::string DemoIdentityProvider::coordinator_token() const {
  return login(kDemoCoordinator, bridge_.auth().coordinator_role());
}

std::string DemoIdentityProvider::supervisor_token() const {
  return login(kDemoSupervisor, bridge_.auth().supervisor_role());
}

}  // namespace samsag::cli::up
