// One blocking HTTP/1.1 exchange on its own connection, with one deadline for all of it: how
// `samsag up` posts source data to the adapters, talks to the coordinator API and reads /readyz
// and /metrics. Loopback only in practice; no TLS (the demo's listeners have none).
#pragma once

#include <chrono>
#include <string>

#include "core/config/host_port.h"

namespace samsag::cli::up {

struct HttpCall {
  std::string method = "GET";
  std::string target = "/";
  std::string bearer_token{};  // sent as `Authorization: Bearer ...` when not empty
  std::string content_type{};  // sent with the body when not empty
  std::string body{};
};

struct HttpAnswer {
  int status = 0;  // 0: no answer; `error` says why
  std::string body;
  std::string retry_after;  // the Retry-After header, when given
  std::string error;        // connection refused, timed out, ...
};

HttpAnswer http_call(const config::HostPort& address, const HttpCall& call,
                     std::chrono::milliseconds timeout);

}  // namespace samsag::cli::up
