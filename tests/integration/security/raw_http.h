// Bytes on a socket, for attacks tests/support/http_client.h would not send: raw backslashes and
// NUL bytes in the request line, a Content-Length far over the limit with no body behind it,
// oversized chunks and headers. One request per connection; the reply is read until the server
// closes or has sent its Content-Length.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace samsag::security_test {

struct RawReply {
  int status = 0;  // 0: no HTTP answer (see error)
  std::string head;
  std::string body;
  std::string error;

  std::optional<std::string> header(std::string_view name) const;
};

RawReply raw_exchange(int port, std::string_view request,
                      std::chrono::milliseconds timeout = std::chrono::seconds(30));

// "METHOD TARGET HTTP/1.1" with Host, Connection: close, the given extra header lines (each
// "Name: value\r\n") and a body with its Content-Length when not empty.
std::string raw_request(std::string_view method, std::string_view target,
                        std::string_view extra_headers = "", std::string_view body = "");

}  // namespace samsag::security_test
