// Pseudonyms: "<key version>:<base32 of HMAC-SHA256(key, normalised CPR)>" (DESIGN.md
// "Privacy is part of the architecture"). The same key in adapters and bridge gives the same
// pseudonym for the same citizen; a new key version gives new pseudonyms.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/privacy/cpr.h"

namespace samsag::privacy {

class Pseudonymiser {
 public:
  // A key shorter than this is refused: HMAC-SHA256 wants at least the hash's own 32 bytes.
  static constexpr std::size_t kMinimumKeyBytes = 32;

  // Reads the secret key from `key_file` (at least 32 bytes after trailing CR/LF characters are
  // stripped, so a key written with `echo` works).
  // Errors: KEY_FILE_UNREADABLE, KEY_TOO_SHORT, INVALID_KEY_VERSION.
  static Result<Pseudonymiser> from_key_file(const std::string& key_file, std::string key_version);
  // For tests and tools that hold the key in memory. The key is used byte for byte.
  // Errors: KEY_TOO_SHORT, INVALID_KEY_VERSION.
  static Result<Pseudonymiser> from_key(std::string key, std::string key_version);

  // A key version is 1-16 characters of [A-Za-z0-9._-]: it prefixes every pseudonym, so it must
  // not contain the ':' separator.
  static bool is_valid_key_version(std::string_view key_version);

  // "<key version>:<52 lowercase base32 characters>" (core/digest/base32.h: never CPR-shaped). Safe
  // to call from several threads at once.
  std::string pseudonym(const Cpr& cpr) const;
  const std::string& key_version() const { return key_version_; }

 private:
  struct Mac;  // the keyed OpenSSL HMAC context every call starts from
  Pseudonymiser(std::shared_ptr<const Mac> mac, std::string key_version)
      : mac_(std::move(mac)), key_version_(std::move(key_version)) {}
  std::shared_ptr<const Mac> mac_;
  std::string key_version_;
};

}  // namespace samsag::privacy
