#include "core/config/host_port.h"

#include <charconv>

namespace samsag::config {
namespace {

Error invalid(std::string_view text, std::string_view why) {
  return make_error("INVALID_ADDRESS",
                    "'" + std::string(text) + "' is not host:port (" + std::string(why) + ")");
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

bool is_ipv6_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
         c == '.';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string HostPort::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<HostPort> parse_host_port(std::string_view text, PortZero zero) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    // IPv6 needs brackets, or its colons could not be told from the port separator.
    const auto close = text.find(']');
    if (close == std::string_view::npos) return invalid(text, "missing ']'");
    host = text.substr(1, close - 1);
    const auto rest = text.substr(close + 1);
    if (rest.empty() || rest.front() != ':') return invalid(text, "missing ':port'");
    port = rest.substr(1);
    if (host.empty()) return invalid(text, "empty host");
    for (char c : host) {
      if (!is_ipv6_char(c)) return invalid(text, "bad IPv6 address");
    }
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return invalid(text, "missing ':port'");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.empty()) return invalid(text, "empty host");
    if (host.find(':') != std::string_view::npos) {
      return invalid(text, "write an IPv6 address in brackets");
    }
    for (char c : host) {
      if (!is_host_char(c)) return invalid(text, "bad character in host");
    }
  }
  const bool zero_allowed = zero == PortZero::kAnyFreePort;
  unsigned value = 0;
  const auto* end = port.data() + port.size();
  const auto [ptr, ec] = std::from_chars(port.data(), end, value);
  if (port.empty() || ec != std::errc{} || ptr != end || (value == 0 && !zero_allowed) ||
      value > 65535) {
    return invalid(text, zero_allowed ? "port must be 0-65535" : "port must be 1-65535");
  }
  return HostPort{std::string(host), static_cast<std::uint16_t>(value)};
}

Result<std::vector<HostPort>> parse_host_port_list(std::string_view text) {
  std::vector<HostPort> list;
  if (trim(text).empty()) return make_error("INVALID_ADDRESS", "the address list is empty");
  while (true) {
    const auto comma = text.find(',');
    auto entry = parse_host_port(trim(text.substr(0, comma)));
    if (!entry) return entry.error();
    list.push_back(std::move(entry).value());
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return list;
}

}  // namespace samsag::config
