#include "core/auth/compact_jws.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <optional>

#include "core/auth/base64url.h"

namespace samsag::auth {
namespace {

Error malformed(const std::string& what) {
  return make_error("TOKEN_MALFORMED", "the bearer token is malformed: " + what);
}

// A base64url part that must hold a JSON object.
std::optional<boost::json::object> json_object_part(std::string_view encoded) {
  const auto bytes = base64url_decode(encoded);
  if (!bytes) return std::nullopt;
  boost::json::parse_options options;
  options.max_depth = 16;
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(*bytes, error, {}, options);
  if (error || !value.is_object()) return std::nullopt;
  return std::move(value.get_object());
}

}  // namespace

Result<CompactJws> decode_compact_jws(std::string_view token) {
  if (token.size() > kMaxTokenBytes) return malformed("it is longer than 8 KiB");
  const auto first_dot = token.find('.');
  const auto second_dot =
      first_dot == std::string_view::npos ? first_dot : token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos ||
      token.find('.', second_dot + 1) != std::string_view::npos) {
    return malformed("it does not have three parts separated by '.'");
  }
  const auto header_part = token.substr(0, first_dot);
  const auto claims_part = token.substr(first_dot + 1, second_dot - first_dot - 1);
  const auto signature_part = token.substr(second_dot + 1);

  auto header = json_object_part(header_part);
  if (!header) return malformed("its header is not a base64url JSON object");
  auto claims = json_object_part(claims_part);
  if (!claims) return malformed("its claims are not a base64url JSON object");
  // An empty signature is still well-formed (`alg: none` sends one); the algorithm check that
  // follows refuses it with the precise reason.
  auto signature = base64url_decode(signature_part);
  if (!signature) return malformed("its signature is not base64url");
  const auto* alg = header->if_contains("alg");
  if (alg == nullptr || !alg->is_string()) return malformed("its header has no 'alg' string");
  // RFC 7515 §4.1.11: extensions marked critical must be understood; samsag understands none.
  if (header->contains("crit")) return malformed("its header lists critical extensions");

  return CompactJws{token.substr(0, second_dot), std::move(*header), std::move(*claims),
                    std::move(*signature)};
}

}  // namespace samsag::auth
