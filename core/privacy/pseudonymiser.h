// Pseudonyms: "<key version>:<lowercase hex HMAC-SHA256(key, normalised CPR)>" (DESIGN.md
// "Privacy is part of the architecture"). The same key in adapters and bridge gives the same
// pseudonym for the same citizen; a new key version gives new pseudonyms.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "core/privacy/cpr.h"

namespace samsag::privacy {

class Pseudonymiser {
 public:
  // Reads the secret key from `key_file` (at least 32 bytes; trailing newline ignored).
  // Errors: KEY_FILE_UNREADABLE, KEY_TOO_SHORT, INVALID_KEY_VERSION.
  static Result<Pseudonymiser> from_key_file(const std::string& key_file,
                                             std::string key_version);
  // For tests and tools that hold the key in memory.
  static Result<Pseudonymiser> from_key(std::string key, std::string key_version);

  std::string pseudonym(const Cpr& cpr) const;
  const std::string& key_version() const { return key_version_; }

 private:
  Pseudonymiser(std::string key, std::string key_version)
      : key_(std::move(key)), key_version_(std::move(key_version)) {}
  std::string key_;
  std::string key_version_;
};

}  // namespace samsag::privacy
