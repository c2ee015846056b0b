// Lowercase RFC 4648 base32 without padding, for the identifiers samsag writes (pseudonyms, event
// ids). Its alphabet (a-z, 2-7) has no 0 or 1, so an identifier can never contain a CPR-shaped
// number (a month needs a leading 0 or 1): the log guard and the CPR scanners never mistake one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace samsag::digest {

std::string base32_lower(const unsigned char* data, std::size_t size);

// The first `bytes` bytes of SHA-256(data), base32-encoded (all 32 when bytes is 32).
std::string sha256_base32(std::string_view data, std::size_t bytes = 32);

}  // namespace samsag::digest
