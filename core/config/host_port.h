// An address "host:port" (IPv6 as "[::1]:9092"), the form of every listen address, Kafka bootstrap
// list and broker address samsag reads or prints. Parsed once, where the text enters, so that
// servers and Kafka clients receive an address that is known to parse.
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

  // "host:port", with brackets around an IPv6 address: what parse_host_port reads back.
  std::string to_string() const;

  friend bool operator==(const HostPort&, const HostPort&) = default;
};

// What port 0 means. In a config it is a mistake; a listener started for development or tests
// (`samsag broker --listen 127.0.0.1:0`) may ask for it to take any free port.
enum class PortZero { kRejected, kAnyFreePort };

// Parses "host:port" and "[ipv6]:port"; the port is 1-65535, or 0-65535 with
// PortZero::kAnyFreePort. Error code: INVALID_ADDRESS.
Result<HostPort> parse_host_port(std::string_view text, PortZero zero = PortZero::kRejected);

// Parses a comma-separated bootstrap list "host:port[,host:port...]" (blanks around commas are
// ignored). Error code: INVALID_ADDRESS, naming the first entry that does not parse.
Result<std::vector<HostPort>> parse_host_port_list(std::string_view text);

}  // namespace samsag::config
