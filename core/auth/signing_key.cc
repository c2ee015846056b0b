// SigningKey: the demo identity provider's key (samsag up) and the tests' token factory.
#include <openssl/err.h>
#include <openssl/pem.h>

#include <array>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <stdexcept>

#include "core/auth/base64url.h"
#include "core/auth/jwk.h"
#include "core/auth/jws_signature.h"

namespace samsag::auth {

struct SigningKey::Impl {
  Algorithm algorithm;
  std::string key_id;
  PkeyHandle key;
};

namespace {

// The algorithm a private key signs with, or nullopt when samsag cannot verify what it signs.
std::optional<Algorithm> algorithm_of(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "RSA") == 1) {
    const int bits = EVP_PKEY_get_bits(key);
    if (bits < kMinRsaBits || bits > kMaxRsaBits) return std::nullopt;
    return Algorithm::kRs256;
  }
  if (EVP_PKEY_is_a(key, "EC") == 1) {
    std::array<char, 64> group{};
    std::size_t length = 0;
    if (EVP_PKEY_get_group_name(key, group.data(), group.size(), &length) != 1) return std::nullopt;
    if (std::string_view(group.data(), length) != "prime256v1") return std::nullopt;
    return Algorithm::kEs256;
  }
  return std::nullopt;
}

}  // namespace

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SigningKey::~SigningKey() = default;
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;

Result<SigningKey> SigningKey::generate(Algorithm algorithm, std::string key_id) {
  PkeyHandle key(algorithm == Algorithm::kRs256
                     ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048})
                     : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) {
    ERR_clear_error();
    return make_error("KEY_GENERATION_FAILED", "OpenSSL could not generate a key pair");
  }
  return SigningKey(std::make_unique<Impl>(Impl{algorithm, std::move(key_id), std::move(key)}));
}

Result<SigningKey> SigningKey::load_pem_file(const std::string& path, std::string key_id) {
  BioHandle file(BIO_new_file(path.c_str(), "r"));
  if (!file) {
    ERR_clear_error();
    return make_error("KEY_UNREADABLE", "cannot open the private key file " + path);
  }
  PkeyHandle key(PEM_read_bio_PrivateKey(file.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!key) return make_error("KEY_INVALID", path + " holds no PEM private key");
  const auto algorithm = algorithm_of(key.get());
  if (!algorithm) {
    return make_error("KEY_INVALID", path +
                                         " is neither an RSA key of at least 2048 bits nor a "
                                         "P-256 key");
  }
  return SigningKey(std::make_unique<Impl>(Impl{*algorithm, std::move(key_id), std::move(key)}));
}

Algorithm SigningKey::algorithm() const { return impl_->algorithm; }

const std::string& SigningKey::key_id() const { return impl_->key_id; }

std::string SigningKey::private_pem() const {
  BioHandle memory(BIO_new(BIO_s_mem()));
  if (!memory || PEM_write_bio_PrivateKey(memory.get(), impl_->key.get(), nullptr, nullptr, 0,
                                          nullptr, nullptr) != 1) {
    ERR_clear_error();
    throw std::runtime_error("OpenSSL could not write a private key");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(memory.get(), &data);
  return {data, static_cast<std::size_t>(size)};
}

std::string SigningKey::public_jwk_json() const {
  return boost::json::serialize(public_jwk(impl_->algorithm, impl_->key.get(), impl_->key_id));
}

std::string SigningKey::sign(std::string_view claims_json) const {
  boost::json::object header;
  header["alg"] = algorithm_name(impl_->algorithm);
  header["typ"] = "JWT";
  header["kid"] = impl_->key_id;
  std::string token = base64url_encode(boost::json::serialize(header));
  token += '.';
  token += base64url_encode(claims_json);
  const std::string signature = create_jws_signature(impl_->algorithm, impl_->key.get(), token);
  token += '.';
  token += base64url_encode(signature);
  return token;
}

std::string jwks_json(const std::vector<const SigningKey*>& keys) {
  boost::json::array list;
  for (const SigningKey* key : keys) {
    list.push_back(boost::json::parse(key->public_jwk_json()));
  }
  boost::json::object document;
  document["keys"] = std::move(list);
  return boost::json::serialize(document);
}

std::string standard_claims(const VerifierOptions& audience_and_issuer, std::string_view user,
                            const std::vector<std::string>& roles,
                            std::chrono::system_clock::time_point now,
                            std::chrono::seconds lifetime) {
  const std::int64_t issued =
      std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()).count();
  boost::json::array role_list;
  for (const auto& role : roles) role_list.emplace_back(role);
  boost::json::object claims;
  claims["iss"] = audience_and_issuer.issuer;
  claims["aud"] = audience_and_issuer.audience;
  claims["sub"] = user;
  claims["roles"] = std::move(role_list);
  claims["iat"] = issued;
  claims["nbf"] = issued;
  claims["exp"] = issued + lifetime.count();
  return boost::json::serialize(claims);
}

}  // namespace samsag::auth
