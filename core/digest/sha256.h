// SHA-256 as lowercase hex: event ids and the hashes of the HTTP sources' bearer tokens.
#pragma once

#include <string>
#include <string_view>

namespace samsag::digest {

// 64 lowercase hex characters.
std::string sha256_hex(std::string_view data);

// Compares two strings in time independent of where they differ (token hashes).
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace samsag::digest
