// One HTTP request as a handler sees it: already read in full, routed, and given a request id.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samsag::http {

// Header or parameter pairs in arrival order.
using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // path and query as sent, e.g. "/api/v1/cases?x=1"
  std::string path;    // target without the query, still percent-encoded
  NameValues query;    // decoded query parameters
  NameValues headers;
  NameValues params;  // decoded values of the route's {name} segments
  std::string body;
  std::string remote_address;  // "ip:port" of the peer
  std::string request_id;      // generated per request, returned as X-Request-Id
  // Subject of the verified client certificate under mutual TLS, empty otherwise.
  std::string client_certificate_subject;

  // The first header of that name, compared case-insensitively (RFC 9110).
  std::optional<std::string_view> header(std::string_view name) const;
  // The first query parameter of that name.
  std::optional<std::string_view> query_param(std::string_view name) const;
  // A {name} segment of the route; empty when the route has none of that name.
  std::string_view param(std::string_view name) const;
};

// Percent-decoding of a URL component; '+' becomes a space only when `plus_is_space` (queries).
// Malformed escapes are kept as they are.
std::string percent_decode(std::string_view text, bool plus_is_space);

// "a=1&b=x%20y" as decoded pairs.
NameValues parse_query(std::string_view query);

// A new random request id: 26 lowercase letters. No digits, so an id can never look like a CPR
// number to the log masking and the tests' log guard (random hex sometimes does).
std::string new_request_id();

}  // namespace samsag::http
