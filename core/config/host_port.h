// A listen or bootstrap address "host:port" as written in the config, checked once at load time
// so that servers and Kafka clients receive an address that is known to parse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace samsag::config {

struct HostPort {
  std::string host;  // a name, an IPv4 address, or an IPv6 address without its brackets
  std::uint16_t port = 0;

  friend bool operator==(const HostPort&, const HostPort&) = default;
};

// Parses "host:port" and "[ipv6]:port"; the port is 1-65535. Error code: INVALID_ADDRESS.
Result<HostPort> parse_host_port(std::string_view text);

// Parses a comma-separated bootstrap list "host:port[,host:port...]" (blanks around commas are
// ignored). Error code: INVALID_ADDRESS, naming the first entry that does not parse.
Result<std::vector<HostPort>> parse_host_port_list(std::string_view text);

}  // namespace samsag::config
