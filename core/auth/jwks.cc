#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fstream>

#include "core/auth/jwks_impl.h"

namespace samsag::auth {
namespace {

// A JWKS is a config file of a handful of keys; anything this large is not one.
constexpr std::size_t kMaxJwksBytes = std::size_t{1024} * 1024;

Error invalid(std::string message) { return make_error("JWKS_INVALID", std::move(message)); }

}  // namespace

Jwks::Jwks(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Jwks::~Jwks() = default;
Jwks::Jwks(Jwks&&) noexcept = default;
Jwks& Jwks::operator=(Jwks&&) noexcept = default;

std::size_t Jwks::size() const { return impl_->keys_by_id.size(); }

Result<Jwks> Jwks::parse(std::string_view json) {
  if (json.size() > kMaxJwksBytes) return invalid("the JWKS is larger than 1 MiB");
  boost::system::error_code error;
  const boost::json::value document = boost::json::parse(json, error);
  if (error) return invalid("the JWKS is not JSON: " + error.message());
  const auto* root = document.if_object();
  const auto* keys = root != nullptr ? root->if_contains("keys") : nullptr;
  if (keys == nullptr || !keys->is_array()) {
    return invalid("the JWKS is not an object with a 'keys' array");
  }

  auto impl = std::make_unique<Impl>();
  std::size_t index = 0;
  for (const auto& entry : keys->get_array()) {
    const std::string position = "key " + std::to_string(index++);
    const auto* jwk = entry.if_object();
    if (jwk == nullptr) return invalid(position + " is not an object");
    const auto* kid = jwk->if_contains("kid");
    if (kid == nullptr || !kid->is_string() || kid->get_string().empty()) {
      // Tokens name their key by kid; a key without one could never be chosen.
      return invalid(position + " has no 'kid' string");
    }
    const std::string key_id(kid->get_string());
    auto key = verification_key_from_jwk(*jwk, "key '" + key_id + "'");
    if (!key) return key.error();
    if (!key->has_value()) continue;
    if (!impl->keys_by_id.emplace(key_id, std::move(**key)).second) {
      return invalid("key '" + key_id + "' appears twice; kids must be unique");
    }
  }
  if (impl->keys_by_id.empty()) {
    return invalid("the JWKS has no usable key (RS256 RSA or ES256 P-256, use 'sig')");
  }
  return Jwks(std::move(impl));
}

Result<Jwks> Jwks::load_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error("JWKS_UNREADABLE", "cannot open the JWKS file " + path);
  // One byte past the limit is enough for parse() to refuse an oversized file.
  std::string content(kMaxJwksBytes + 1, '\0');
  file.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (file.bad()) return make_error("JWKS_UNREADABLE", "cannot read the JWKS file " + path);
  content.resize(static_cast<std::size_t>(file.gcount()));
  auto jwks = parse(content);
  if (!jwks) return make_error(jwks.error().code, path + ": " + jwks.error().message);
  return jwks;
}

}  // namespace samsag::auth
