#include "adapters/runtime/event_id.h"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace samsag::adapters {

std::string derive_event_id(std::string_view source_system, std::string_view record_id,
                            std::string_view record_version) {
  // The unit separator cannot occur in a CSV cell or a JSON id we accept as a plain string.
  static constexpr char kSeparator = '\x1f';
  std::string input;
  input.reserve(source_system.size() + record_id.size() + record_version.size() + 2);
  input.append(source_system).push_back(kSeparator);
  input.append(record_id).push_back(kSeparator);
  input.append(record_version);

  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not compute SHA-256");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (unsigned int i = 0; i < 16; ++i) {
    id.push_back(kHex[digest[i] >> 4]);
    id.push_back(kHex[digest[i] & 0x0f]);
  }
  return id;
}

}  // namespace samsag::adapters
