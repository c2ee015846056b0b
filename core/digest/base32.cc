#include "core/digest/base32.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>

namespace samsag::digest {

std::string base32_lower(const unsigned char* data, std::size_t size) {
  static constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
  // Sized once and filled by index: every event id and pseudonym passes through here.
  std::string out((size * 8 + 4) / 5, '\0');
  std::size_t next = 0;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out[next++] = kAlphabet[(buffer >> (bits - 5)) & 0x1f];
      bits -= 5;
    }
  }
  if (bits > 0) out[next] = kAlphabet[(buffer << (5 - bits)) & 0x1f];
  return out;
}

std::string sha256_base32(std::string_view data, std::size_t bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not compute SHA-256");
  }
  return base32_lower(digest.data(), std::min<std::size_t>(bytes, length));
}

}  // namespace samsag::digest
