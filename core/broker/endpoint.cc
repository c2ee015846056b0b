#include "core/broker/endpoint.h"

#include <charconv>

namespace samsag::broker {
namespace {

Error invalid(const std::string& text, const std::string& why) {
  return make_error("INVALID_ENDPOINT", "\"" + text + "\" is not a host:port endpoint: " + why);
}

}  // namespace

std::string Endpoint::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<Endpoint> parse_endpoint(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) {
    return invalid(text, "the port is missing");
  }
  std::string host = text.substr(0, colon);
  const std::string port_text = text.substr(colon + 1);

  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string::npos) {
    return invalid(text, "an IPv6 address must be written in brackets, e.g. [::1]:9092");
  }
  if (host.empty()) {
    return invalid(text, "the host is missing");
  }
  for (const char c : host) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '_';
    if (!allowed) {
      return invalid(text, "the host contains a character that no host name or address has");
    }
  }

  unsigned port = 0;
  const auto* end = port_text.data() + port_text.size();
  const auto [parsed_to, errc] = std::from_chars(port_text.data(), end, port);
  if (port_text.empty() || errc != std::errc{} || parsed_to != end || port > 65535) {
    return invalid(text, "the port must be a number from 0 to 65535");
  }
  return Endpoint{std::move(host), static_cast<std::uint16_t>(port)};
}

Result<std::vector<Endpoint>> parse_endpoint_list(const std::string& text) {
  std::vector<Endpoint> endpoints;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    const auto item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto endpoint = parse_endpoint(item);
    if (!endpoint) {
      return endpoint.error();
    }
    endpoints.push_back(std::move(endpoint).value());
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return endpoints;
}

}  // namespace samsag::broker
