// base64url without padding (RFC 4648 §5, as JWS uses it, RFC 7515 §2). Decoding is strict: only
// the url-safe alphabet, no padding, no whitespace, and unused trailing bits must be zero, so every
// byte string has exactly one accepted encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace samsag::auth {

std::string base64url_encode(std::string_view bytes);

// nullopt when `text` is not canonical unpadded base64url.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace samsag::auth
