#include "core/privacy/pseudonymiser.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "core/digest/base32.h"

namespace samsag::privacy {

// One keyed HMAC-SHA256 context, prepared once: fetching the algorithm and setting the key on
// every call would dominate the cost of pseudonymising a large export. Each thread computes on its
// own copy of it (see pseudonym()); `id` tells the copies of different keys apart.
struct Pseudonymiser::Mac {
  EVP_MAC* algorithm = nullptr;
  EVP_MAC_CTX* keyed = nullptr;
  std::uint64_t id = 0;

  explicit Mac(const std::string& key) {
    static std::atomic<std::uint64_t> next_id{1};
    id = next_id.fetch_add(1);
    algorithm = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    if (algorithm != nullptr) keyed = EVP_MAC_CTX_new(algorithm);
    std::string digest = OSSL_DIGEST_NAME_SHA2_256;
    const std::array<OSSL_PARAM, 2> params = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest.data(), 0), OSSL_PARAM_END};
    if (keyed == nullptr || EVP_MAC_init(keyed, reinterpret_cast<const unsigned char*>(key.data()),
                                         key.size(), params.data()) != 1) {
      release();
      // Start-up failure of the process: OpenSSL without HMAC-SHA256 cannot pseudonymise at all.
      throw std::runtime_error("OpenSSL could not prepare HMAC-SHA256");
    }
  }
  ~Mac() { release(); }
  Mac(const Mac&) = delete;
  Mac& operator=(const Mac&) = delete;

  void release() {
    EVP_MAC_CTX_free(keyed);
    EVP_MAC_free(algorithm);
    keyed = nullptr;
    algorithm = nullptr;
  }
};

namespace {

// This thread's copy of the keyed context of the Mac with id `mac_id`. Duplicating a keyed
// context per call cost about ten allocations (and a secure-heap copy of the key) per row; a copy
// kept per thread is reset to the keyed state by EVP_MAC_init without a key instead. Freed (and
// its key cleansed) when the thread ends or needs another key.
EVP_MAC_CTX* thread_context(std::uint64_t mac_id, const EVP_MAC_CTX* keyed) {
  struct Cached {
    std::uint64_t mac_id = 0;
    EVP_MAC_CTX* context = nullptr;
    ~Cached() { EVP_MAC_CTX_free(context); }
  };
  thread_local Cached cached;
  if (cached.context == nullptr || cached.mac_id != mac_id) {
    EVP_MAC_CTX_free(cached.context);
    cached.context = EVP_MAC_CTX_dup(keyed);
    cached.mac_id = cached.context != nullptr ? mac_id : 0;
  }
  return cached.context;
}

std::string strip_trailing_newlines(std::string key) {
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  return key;
}

}  // namespace

bool Pseudonymiser::is_valid_key_version(std::string_view key_version) {
  if (key_version.empty() || key_version.size() > 16) return false;
  for (char c : key_version) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

Result<Pseudonymiser> Pseudonymiser::from_key_file(const std::string& key_file,
                                                   std::string key_version) {
  std::ifstream in(key_file, std::ios::binary);
  if (!in) {
    return make_error("KEY_FILE_UNREADABLE",
                      "the pseudonymisation key file '" + key_file + "' cannot be read");
  }
  std::string key((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return make_error("KEY_FILE_UNREADABLE",
                      "the pseudonymisation key file '" + key_file + "' cannot be read");
  }
  return from_key(strip_trailing_newlines(std::move(key)), std::move(key_version));
}

Result<Pseudonymiser> Pseudonymiser::from_key(std::string key, std::string key_version) {
  if (!is_valid_key_version(key_version)) {
    return make_error("INVALID_KEY_VERSION",
                      "the key version must be 1-16 characters of letters, digits, '.', '_' or "
                      "'-'");
  }
  if (key.size() < kMinimumKeyBytes) {
    return make_error("KEY_TOO_SHORT", "the pseudonymisation key has " +
                                           std::to_string(key.size()) +
                                           " bytes; at least 32 are required");
  }
  auto mac = std::make_shared<const Mac>(key);
  OPENSSL_cleanse(key.data(), key.size());
  return Pseudonymiser(std::move(mac), std::move(key_version));
}

std::string Pseudonymiser::pseudonym(const Cpr& cpr) const {
  EVP_MAC_CTX* ctx = thread_context(mac_->id, mac_->keyed);
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t mac_length = 0;
  const std::string& digits = cpr.digits();
  // EVP_MAC_init without a key restarts HMAC with the key already set (OpenSSL 3).
  const bool ok = ctx != nullptr && EVP_MAC_init(ctx, nullptr, 0, nullptr) == 1 &&
                  EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(digits.data()),
                                 digits.size()) == 1 &&
                  EVP_MAC_final(ctx, mac.data(), &mac_length, mac.size()) == 1 && mac_length == 32;
  // Only an out-of-memory condition gets here: a programming-level failure, not bad input.
  if (!ok) throw std::runtime_error("OpenSSL failed to compute HMAC-SHA256");

  std::string out;
  out.reserve(key_version_.size() + 1 + 52);
  out.append(key_version_).push_back(':');
  out.append(samsag::digest::base32_lower(mac.data(), mac_length));
  return out;
}

}  // namespace samsag::privacy
