// A TCP endpoint written "host:port" (IPv6 as "[::1]:9092"), the form every samsag option, config
// field and Kafka bootstrap list uses.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace samsag::broker {

struct Endpoint {
  std::string host;  // a name or a literal address, without brackets
  std::uint16_t port = 0;

  // "host:port", with brackets around an IPv6 literal.
  std::string to_string() const;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

// Parses "host:port". Port 0 is allowed: a listener then takes a free port.
// Errors: INVALID_ENDPOINT.
Result<Endpoint> parse_endpoint(const std::string& text);

// Parses a comma-separated list such as a Kafka bootstrap list ("a:1,b:2").
// Errors: INVALID_ENDPOINT.
Result<std::vector<Endpoint>> parse_endpoint_list(const std::string& text);

}  // namespace samsag::broker
