// The shape of a JWT in JWS compact serialisation (RFC 7515 §7.1): three base64url parts, a JSON
// object header with a string `alg`, a JSON object payload (the claims), a signature. Nothing here
// is trusted yet; the verifier decides.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace samsag::auth {

// RFC 8725 §3.11 asks for limits on untrusted input; a samsag token is a few hundred bytes.
inline constexpr std::size_t kMaxTokenBytes = 8 * 1024;

struct CompactJws {
  std::string_view signing_input;  // "header.payload" as sent, what the signature covers
  boost::json::object header;
  boost::json::object claims;
  std::string signature;
};

// Error TOKEN_MALFORMED with a sentence that names the part at fault, never its content.
Result<CompactJws> decode_compact_jws(std::string_view token);

}  // namespace samsag::auth
